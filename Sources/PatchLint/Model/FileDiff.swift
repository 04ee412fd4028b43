/// The change to one file in a patch.
public struct FileDiff: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case added, deleted, modified, renamed, copied
    }

    /// Path before the change; nil for an added file.
    public var oldPath: String?
    /// Path after the change; nil for a deleted file.
    public var newPath: String?
    public var status: Status
    /// Binary files are recognised but never line-checked.
    public var isBinary: Bool
    /// File modes as octal strings ("100644", "100755", "120000"), when known.
    public var oldMode: String?
    public var newMode: String?
    /// Rename/copy similarity in percent, when git reported one.
    public var similarity: Int?
    public var hunks: [Hunk]
    /// Added and removed line counts kept when the lines are dropped (`hollowed()`).
    private var keptCounts: LineCounts?

    struct LineCounts: Sendable, Hashable {
        var added: Int
        var removed: Int
    }

    public init(oldPath: String?, newPath: String?, status: Status, isBinary: Bool = false,
                oldMode: String? = nil, newMode: String? = nil, similarity: Int? = nil,
                hunks: [Hunk] = []) {
        self.oldPath = oldPath
        self.newPath = newPath
        self.status = status
        self.isBinary = isBinary
        self.oldMode = oldMode
        self.newMode = newMode
        self.similarity = similarity
        self.hunks = hunks
    }

    /// The path diagnostics point at: the post-image path, or the old one for a deletion.
    public var path: String { newPath ?? oldPath ?? "" }

    /// True when only the file mode changed.
    public var isModeChangeOnly: Bool {
        hunks.isEmpty && !isBinary && oldMode != nil && newMode != nil && oldMode != newMode
            && status == .modified
    }

    public var addedLineCount: Int {
        keptCounts?.added ?? hunks.reduce(0) { $0 + $1.lines.lazy.filter { $0.kind == .added }.count }
    }

    public var removedLineCount: Int {
        keptCounts?.removed ?? hunks.reduce(0) { $0 + $1.lines.lazy.filter { $0.kind == .removed }.count }
    }

    /// The file diff without its lines: paths, status, modes, hunk headers and line
    /// counts stay (what reports need once the rules are done with a patch).
    public func hollowed() -> FileDiff {
        var copy = self
        copy.keptCounts = LineCounts(added: addedLineCount, removed: removedLineCount)
        for h in copy.hunks.indices { copy.hunks[h].lines = [] }
        return copy
    }
}
