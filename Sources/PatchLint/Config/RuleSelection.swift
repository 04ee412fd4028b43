/// Which rules run, with checkpatch's `--types` / `--ignore` semantics: type names
/// are case-insensitive and comma-separated (options may repeat); when any `--types`
/// are given only those run and `--ignore` is not consulted; otherwise every rule
/// runs except the ignored ones. As in checkpatch, LONG_LINE_COMMENT and
/// LONG_LINE_STRING only run when LONG_LINE would.
public struct RuleSelection: Sendable, Hashable {
    /// `--types`: when non-empty, only these run.
    public private(set) var types: Set<String> = []
    /// `--ignore`: these do not run (when `types` is empty).
    public private(set) var ignored: Set<String> = []

    public init(types: [String] = [], ignore: [String] = []) {
        addTypes(types)
        addIgnored(ignore)
    }

    /// Adds `--types` values; each may be a comma-separated list.
    public mutating func addTypes(_ values: [String]) {
        types.formUnion(Self.split(values))
    }

    /// Adds `--ignore` values; each may be a comma-separated list.
    public mutating func addIgnored(_ values: [String]) {
        ignored.formUnion(Self.split(values))
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace().uppercased() }
            .filter { !$0.isEmpty }
    }

    /// Sub-types that checkpatch only shows when their parent type is shown too.
    static let parentType = ["LONG_LINE_COMMENT": "LONG_LINE", "LONG_LINE_STRING": "LONG_LINE"]

    public func includes(_ id: String) -> Bool {
        let id = id.uppercased()
        if let parent = Self.parentType[id], !shows(parent) { return false }
        return shows(id)
    }

    private func shows(_ id: String) -> Bool {
        types.isEmpty ? !ignored.contains(id) : types.contains(id)
    }

    /// The rules of `rules` this selection runs, in their order.
    public func filter(_ rules: [any Rule.Type]) -> [any Rule.Type] {
        rules.filter { includes($0.description.id) }
    }

    public func filter(_ rules: [any DataLineRule]) -> [any DataLineRule] {
        rules.filter { includes($0.description.id) }
    }

    /// Names in the selection that are not rule ids (typos the CLI should report).
    public func unknownIDs(known: Set<String>) -> [String] {
        types.union(ignored).subtracting(known.map { $0.uppercased() }).sorted()
    }
}
