/// One BUG/WARN macro call to validate: its macro, its condition (first argument) and
/// the conditions on the path to it inside its function.
public struct SemanticSite: Sendable, Hashable {
    /// A condition the path to the macro requires: an enclosing `if (c) {` (holds = true)
    /// or an earlier `if (c) return ...;` (holds = false).
    public struct PathGuard: Sendable, Hashable {
        public var condition: String
        public var holds: Bool
        /// Where it comes from, for --explain-semantics ("mmu.c:217").
        public var origin: String
        /// Set when the path goes through a construct the bridge does not turn into a
        /// condition (an `else`, a loop, a switch): the guard counts as unbound.
        public var unsupported: String?

        public init(condition: String, holds: Bool, origin: String = "") {
            self.condition = condition
            self.holds = holds
            self.origin = origin
        }

        public init(unsupported construct: String, origin: String = "") {
            self.condition = construct
            self.holds = true
            self.origin = origin
            self.unsupported = construct
        }
    }

    public var macro: String
    public var condition: String
    public var guards: [PathGuard]
    public var function: String?
    public var path: String
    public var line: Int

    public init(macro: String, condition: String, guards: [PathGuard] = [], function: String? = nil, path: String = "", line: Int = 0) {
        self.macro = macro
        self.condition = condition
        self.guards = guards
        self.function = function
        self.path = path
        self.line = line
    }

    /// BUG/BUG_ON/WARN/WARN_ON/WARN_ONCE/WARN_ON_ONCE/KVM_BUG_ON: the macros whose first
    /// argument is the condition. (BUG() has none: it always fires when reached.)
    public static let macros: Set<String> = ["BUG", "BUG_ON", "WARN", "WARN_ON", "WARN_ONCE", "WARN_ON_ONCE", "KVM_BUG_ON"]

    /// "WARN", "BUG" or the macro itself, for "-> WARN fires".
    var family: String {
        if macro.hasPrefix("WARN") { return "WARN" }
        if macro == "BUG" || macro == "BUG_ON" { return "BUG" }
        return macro
    }
}
