import Foundation

/// An added line as the kernel-style rules see it: the raw text, checkpatch's
/// sanitized view of it (comments and literal contents masked, see
/// `KernelSanitizer`), the previous post-image line, and where it is.
public struct StyleLine {
    public let file: FileDiff
    public let hunk: Hunk
    /// Sanitized text of every hunk line (removed lines are "").
    public let sanitizedLines: [String]
    /// Position of this line in `hunk.lines`.
    public let index: Int
    /// Raw and sanitized text of the previous context or added line (across hunks of
    /// the file, as checkpatch tracks it), nil at the start of a file.
    public let previous: (raw: String, sanitized: String, added: Bool)?

    public var path: String { file.path }
    public var raw: String { hunk.lines[index].text }
    public var sanitized: String { sanitizedLines[index] }
    public var number: Int { hunk.lines[index].newNumber ?? 0 }

    /// The file's extension without the dot ("c", "h", "S"), "" when none.
    public var fileExtension: String { StyleFileTypes.fileExtension(of: path) }

    /// The next post-image (context or added) lines after this one in the hunk.
    public func following(_ count: Int) -> [(raw: String, sanitized: String, added: Bool)] {
        var out: [(String, String, Bool)] = []
        var i = index + 1
        while i < hunk.lines.count && out.count < count {
            let l = hunk.lines[i]
            if l.kind != .removed { out.append((l.text, sanitizedLines[i], l.kind == .added)) }
            i += 1
        }
        return out
    }
}

/// Kernel-style checks that need checkpatch's view of C (comment and literal masking
/// carried across lines), so they run per hunk rather than per isolated line. They
/// see added lines only, never context, removed or moved lines.
public protocol StyleLineRule: PatchRule {
    /// checkpatch only runs a check on some file types (by extension); nil = all files.
    static var fileExtensions: Set<String>? { get }
    func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings)
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
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return String(name[name.index(after: dot)...])
    }
}

extension StyleLineRule {
    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        for file in patch.files where !file.isBinary && file.newPath != nil {
            if let allowed = Self.fileExtensions,
               !allowed.contains(StyleFileTypes.fileExtension(of: file.path)) { continue }
            var previous: (raw: String, sanitized: String, added: Bool)?
            for (h, hunk) in file.hunks.enumerated() {
                // Every style rule needs the same sanitized hunk: computed once.
                let sanitized = SanitizedHunkCache.shared.lines(
                    for: hunk, key: "\(patch.id)\u{0}\(file.path)\u{0}\(h)")
                for i in hunk.lines.indices {
                    let l = hunk.lines[i]
                    guard l.kind != .removed else { continue }
                    if l.kind == .added && !l.moved {
                        let line = StyleLine(file: file, hunk: hunk, sanitizedLines: sanitized,
                                             index: i, previous: previous)
                        check(line, context: context, into: &findings)
                    }
                    previous = (l.text, sanitized[i], l.kind == .added)
                }
            }
        }
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

/// The sanitized lines of recently seen hunks, shared by the style rules of one
/// review (they all run over the same patch one after another). Bounded: cleared
/// when it grows past a few thousand hunks.
final class SanitizedHunkCache: @unchecked Sendable {
    static let shared = SanitizedHunkCache()
    private let lock = NSLock()
    private var entries: [String: (hunk: Hunk, lines: [String])] = [:]
    private static let capacity = 4_096

    /// `key` names the hunk (patch, file, position); the hunk itself is compared too,
    /// so that two inputs reusing an id (examples, tests) never share an entry.
    func lines(for hunk: Hunk, key: String) -> [String] {
        lock.lock()
        if let cached = entries[key], cached.hunk == hunk {
            lock.unlock()
            return cached.lines
        }
        lock.unlock()
        let sanitized = KernelSanitizer.sanitize(hunk.lines)
        lock.lock()
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (hunk, sanitized)
        lock.unlock()
        return sanitized
    }
}
