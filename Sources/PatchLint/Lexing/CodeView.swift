/// One side of one hunk, lexed: the post-image (context + added lines) or the
/// pre-image (context + removed lines). Statements may span several lines and mix
/// context and added lines; rules ask `isNew` to see whether a token was added.
public struct CodeView: Sendable {
    public enum Side: Sendable, Hashable {
        /// Context and added lines: the code after the patch.
        case new
        /// Context and removed lines: the code before the patch.
        case old
    }

    public let path: String
    public let side: Side
    /// The hunk's lines of this side, in order; `CToken.line` indexes this array.
    public let lines: [DiffLine]
    public let tokens: [CToken]
    public let statements: [CStatement]

    public init(hunk: Hunk, path: String, side: Side) {
        self.path = path
        self.side = side
        let dropped: DiffLine.Kind = side == .new ? .removed : .added
        // A hunk that only adds (or only removes) keeps all its lines: share its array.
        let lines = hunk.lines.contains { $0.kind == dropped } ? hunk.lines.filter { $0.kind != dropped } : hunk.lines
        self.lines = lines
        let tokens = CLexer.tokenize(lines: lines)
        self.tokens = tokens
        self.statements = CStatementSplitter.split(
            tokens, initialScopes: CStatementSplitter.scopes(fromSectionHeading: hunk.section))
    }

    /// The views of every C file diff of a patch (binary and non-C files are skipped).
    /// Results are remembered: every C-aware rule asks for the same patch. The
    /// post-image views stay with the patch (the series index asks again after all
    /// patches were reviewed); pre-image views, asked for less, are kept for recent
    /// patches only.
    public static func views(of patch: Patch, side: Side) -> [CodeView] {
        if side == .new { return patch.derived.newViews { build(patch, side) } }
        return recent.value(for: CacheKey(patch: patch, side: side)) { build(patch, side) }
    }

    struct CacheKey: Equatable {
        var patch: Patch
        var side: Side
    }

    static let recent = RecentCache<CacheKey, [CodeView]>(capacity: 8)

    static func build(_ patch: Patch, _ side: Side) -> [CodeView] {
        var views: [CodeView] = []
        for file in patch.files where !file.isBinary && isCSource(file.path) {
            if side == .new && file.newPath == nil { continue }
            if side == .old && file.oldPath == nil { continue }
            let path = side == .new ? file.path : (file.oldPath ?? file.path)
            for hunk in file.hunks {
                views.append(CodeView(hunk: hunk, path: path, side: side))
            }
        }
        return views
    }

    /// C sources and headers, the only files the C-aware rules read.
    public static func isCSource(_ path: String) -> Bool {
        path.hasSuffix(".c") || path.hasSuffix(".h")
    }

    public func diffLine(of tokenIndex: Int) -> DiffLine { lines[tokens[tokenIndex].line] }

    /// The line number of a token in this side's file (new numbers for `.new`).
    public func number(of tokenIndex: Int) -> Int {
        let line = diffLine(of: tokenIndex)
        return (side == .new ? line.newNumber : line.oldNumber) ?? 0
    }

    /// True when the token is on a line this patch changed (added for `.new`, removed
    /// for `.old`) and not on a line code-motion detection marked as moved.
    public func isNew(_ tokenIndex: Int) -> Bool {
        let line = diffLine(of: tokenIndex)
        return line.kind != .context && !line.moved
    }

    /// True when the token is on a changed line, moved or not.
    public func isChanged(_ tokenIndex: Int) -> Bool { diffLine(of: tokenIndex).kind != .context }

    /// The first token of a statement that sits on a new line, if any.
    public func firstNewToken(of statement: CStatement) -> Int? {
        statement.range.first { isNew($0) }
    }

    /// Where a finding about a statement goes: its first line when that line is new,
    /// otherwise the first new line inside it; nil when nothing in it is new.
    public func reportLine(for statement: CStatement) -> DiffLine? {
        guard let first = firstNewToken(of: statement) else { return nil }
        if let start = statement.range.first, isNew(start) { return diffLine(of: start) }
        return diffLine(of: first)
    }
}
