/// A module parameter as a module_param* declaration in the series (or a touched file's
/// post-image) declares it. Its value is a user choice: at load time always, at run time
/// too when `writable`.
public struct DeclaredModuleParameter: Sendable, Hashable {
    /// The C variable.
    public var variable: String
    /// The name user space sees (`module_param_named`'s first argument).
    public var exposedName: String
    /// The module the declaring file is built into (`kvm`, `kvm_intel`), when known.
    public var module: String?
    /// The param type argument (`bool`, `int`, `uint`, ...), when known.
    public var type: String?
    /// Whether the permissions have a write bit (0644, S_IWUSR); nil when not a constant.
    public var writable: Bool?

    public init(variable: String, exposedName: String, module: String? = nil, type: String? = nil, writable: Bool? = nil) {
        self.variable = variable
        self.exposedName = exposedName
        self.module = module
        self.type = type
        self.writable = writable
    }

    /// `kvm.enable_direct_mmu`, as on the kernel command line.
    public var displayName: String { module.map { "\($0).\(exposedName)" } ?? exposedName }

    /// Booleans are enumerated; other types are outside what the query tries.
    public var isBoolean: Bool { type == nil || type == "bool" || type == "invbool" }
}
