/// checkpatch.pl's own layout (with `--show-types`), so scripts that parse checkpatch
/// keep working:
///
///     WARNING:SYMBOLIC_PERMS: Symbolic permissions 'S_IRUGO' are not preferred. ...
///     #12: FILE: drivers/foo.c:4:
///     +module_param(enable_foo, bool, S_IRUGO);
///
///     total: 0 errors, 1 warnings, 0 checks, 5 lines checked
///
/// Severities map error -> ERROR, warning -> WARNING, note -> CHECK. `#N` is the line
/// of the patch text (counting from the first `diff --git` line as git prints it),
/// which is what checkpatch counts for a patch that starts with its diff.
public struct CheckpatchReporter: Reporter {
    public init() {}

    public func render(_ report: ReviewReport) -> String {
        var out = ""
        let byPatch = Dictionary(grouping: report.diagnostics, by: \.patchIndex)
        let multiple = report.series.patches.count > 1
        for patch in report.series.patches {
            let positions = PatchTextPositions(patch)
            let findings = byPatch[patch.position] ?? []
            let name = patch.origin == .commit
                ? "Commit \(patch.shortID) (\"\(TerminalText.neutralise(patch.subject))\")"
                : TerminalText.neutralise(patch.subject)
            if multiple {
                // checkpatch frames each of several inputs with dashes as long as its name.
                let rule = String(repeating: "-", count: name.count)
                out += rule + "\n" + name + "\n" + rule + "\n"
            }
            for d in findings {
                out += "\(Self.level(d.severity)):\(d.ruleID): \(TerminalText.neutralise(d.message))\n"
                if let file = d.file {
                    let n = positions.patchLine(file: file, newLine: d.line).map { "#\($0): " } ?? ""
                    out += "\(n)FILE: \(TerminalText.neutralise(file)):\(d.line):\n"
                    if let source = d.sourceLine { out += "+" + TerminalText.neutralise(source) + "\n" }
                }
                out += "\n"
            }
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            let checks = findings.filter { $0.severity == .note }.count
            out += "total: \(errors) errors, \(warnings) warnings, \(checks) checks, \(positions.lineCount) lines checked\n\n"
            if findings.isEmpty {
                out += "\(name) has no obvious style problems and is ready for submission.\n"
            } else {
                out += "\(name) has style problems, please review.\n"
            }
            if multiple { out += "\n" }
        }
        return out
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "ERROR"
        case .warning: "WARNING"
        case .note: "CHECK"
        }
    }
}

/// Line positions of a patch's diff text as git prints it (`diff --git`, extended
/// headers, `---`/`+++`, hunk headers, hunk lines), for checkpatch's `#N`.
struct PatchTextPositions {
    private var positions: [String: [Int: Int]] = [:]
    private(set) var lineCount = 0

    init(_ patch: Patch) {
        var n = 0
        for file in patch.files {
            n += 1  // diff --git
            switch file.status {
            case .added, .deleted: n += 2          // new/deleted file mode, index
            case .renamed, .copied: n += 3 + (file.hunks.isEmpty ? 0 : 1)  // similarity, from, to (+ index)
            case .modified:
                if let o = file.oldMode, let m = file.newMode, o != m { n += 2 }  // old mode, new mode
                if !file.hunks.isEmpty || file.isBinary { n += 1 }  // index
            }
            if file.isBinary { n += 1; continue }
            if !file.hunks.isEmpty { n += 2 }  // --- / +++
            var lines: [Int: Int] = [:]
            for hunk in file.hunks {
                n += 1
                for line in hunk.lines {
                    n += 1
                    if line.kind == .added, let new = line.newNumber { lines[new] = n }
                    if !line.hasNewline { n += 1 }
                }
            }
            positions[file.path, default: [:]].merge(lines) { a, _ in a }
        }
        lineCount = n
    }

    func patchLine(file: String, newLine: Int) -> Int? {
        positions[file]?[newLine]
    }
}
