import Foundation

/// An added line as the kernel-style rules see it: the raw text, checkpatch's
/// sanitized view of it (comments and literal contents masked, see
/// `KernelSanitizer`), the previous post-image line, and where it is.
///
/// A line is a position in a shared `StyleHunk` (one reference, not copies of the
/// file and hunk: rules look at tens of thousands of lines each).
public struct StyleLine {
    /// The hunk, its file and its sanitized text.
    let context: StyleHunk
    /// Position of this line in `hunk.lines`.
    public let index: Int
    /// The previous context or added line (across hunks of the file, as checkpatch
    /// tracks it): its hunk and position there; nil at the start of a file.
    let previousLine: (hunk: StyleHunk, index: Int)?

    public var file: FileDiff { context.file }
    public var hunk: Hunk { context.hunk }
    /// Sanitized text of every hunk line (removed lines are "").
    public var sanitizedLines: [String] { context.text.sanitized }
    /// Raw and sanitized text of the previous context or added line, nil at the
    /// start of a file.
    public var previous: (raw: String, sanitized: String, added: Bool)? {
        previousLine.map { p in
            let l = p.hunk.hunk.lines[p.index]
            return (l.text, p.hunk.text.sanitized[p.index], l.kind == .added)
        }
    }

    public var path: String { context.path }
    public var raw: String { context.hunk.lines[index].text }
    public var sanitized: String { context.text.sanitized[index] }
    public var number: Int { context.hunk.lines[index].newNumber ?? 0 }
    /// The raw text's bytes when it is plain ASCII (see `PlainASCIILine`), else nil.
    var plainRaw: PlainASCIILine? { context.text.plainRaw[index] }
    /// The sanitized text's bytes when it is plain ASCII, else nil.
    var plainSanitized: PlainASCIILine? { context.text.plainSanitized[index] }

    /// The file's extension without the dot ("c", "h", "S"), "" when none.
    public var fileExtension: String { context.fileExtension }

    /// The next post-image (context or added) lines after this one in the hunk.
    public func following(_ count: Int) -> [(raw: String, sanitized: String, added: Bool)] {
        var out: [(String, String, Bool)] = []
        let lines = context.hunk.lines
        let sanitized = context.text.sanitized
        var i = index + 1
        while i < lines.count && out.count < count {
            let l = lines[i]
            if l.kind != .removed { out.append((l.text, sanitized[i], l.kind == .added)) }
            i += 1
        }
        return out
    }
}

/// One hunk as the style rules see it: with its file (path and extension worked out
/// once) and its shared sanitized text. Immutable.
final class StyleHunk: Sendable {
    let file: FileDiff
    let hunk: Hunk
    let text: StyleHunkText
    let path: String
    let fileExtension: String

    init(file: FileDiff, hunk: Hunk, text: StyleHunkText, path: String, fileExtension: String) {
        self.file = file
        self.hunk = hunk
        self.text = text
        self.path = path
        self.fileExtension = fileExtension
    }
}

/// Kernel-style checks that need checkpatch's view of C (comment and literal masking
/// carried across lines), so they run per hunk rather than per isolated line. They
/// see added lines only, never context, removed or moved lines.
public protocol StyleLineRule: PatchRule {
    /// checkpatch only runs a check on some file types (by extension); nil = all files.
    static var fileExtensions: Set<String>? { get }
    /// Whether the rule also sees `OversizedLine`s (false: C-aware checks do not).
    static var checksOversizedLines: Bool { get }
    func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings)
}

extension StyleLineRule {
    public static var checksOversizedLines: Bool { false }
}

/// checkpatch's file-type gates.
public enum StyleFileTypes {
    /// Checks such as LONG_LINE: C, headers, Rust, assembly, shell, device trees.
    public static let source: Set<String> = ["h", "c", "rs", "s", "S", "sh", "dtsi", "dts"]
    /// Indentation and block comment checks: C, headers, Perl, device trees.
    public static let indented: Set<String> = ["h", "c", "pl", "dtsi", "dts"]
    /// The C-only checks (SPACING, BRACES, POINTER_LOCATION, ...).
    public static let c: Set<String> = ["h", "c"]

    /// The extension without the dot ("c", "h", "S"), "" when none.
    public static func fileExtension(of path: String) -> String {
        if PlainASCIILine.isPlain(path) { return plainFileExtension(of: Array(path.utf8)) }
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// `fileExtension(of:)` on the bytes of a plain path: after the last `.` of the
    /// last non-empty `/`-separated component.
    static func plainFileExtension(of path: [UInt8]) -> String {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var end = path.count
        while end > 0 && path[end - 1] == slash { end -= 1 }
        var k = end
        while k > 0 && path[k - 1] != slash {
            if path[k - 1] == dot { return String(decoding: path[k..<end], as: UTF8.self) }
            k -= 1
        }
        return ""
    }
}

extension StyleLineRule {
    /// The rule on its own (rule examples, tests); the engine runs all style rules
    /// together in one `StyleLinePass`, which this is a pass of one rule.
    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        StyleLinePass(rules: [self]).check(patch, context: context, into: &findings)
    }
}

extension Findings {
    /// A finding on a style line.
    mutating func report(_ rule: RuleDescription, at line: StyleLine, _ message: String,
                         suggestion: String? = nil, severity: Severity? = nil, fixes: [TextEdit] = []) {
        report(rule, file: line.path, line: line.number, message, suggestion: suggestion,
               severity: severity, sourceLine: line.raw, fixes: fixes)
    }
}

/// What the style rules read of one hunk besides its lines: the sanitized text and
/// byte views of the lines that are plain ASCII, computed once for all the rules.
/// Immutable once built.
final class StyleHunkText: Sendable {
    /// Sanitized text of every hunk line (removed lines are "").
    let sanitized: [String]
    /// Per hunk line: the raw text's bytes when plain ASCII (removed lines: nil).
    let plainRaw: [PlainASCIILine?]
    /// Per hunk line: the sanitized text's bytes when plain ASCII.
    let plainSanitized: [PlainASCIILine?]

    init(_ lines: [DiffLine]) {
        sanitized = KernelSanitizer.sanitize(lines)
        plainRaw = lines.map { $0.kind == .removed ? nil : PlainASCIILine($0.text) }
        plainSanitized = sanitized.map { PlainASCIILine($0) }
    }
}
