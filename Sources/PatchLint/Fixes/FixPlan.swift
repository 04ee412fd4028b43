/// The exact fixes of a review, gathered per patch and file, each line's edits
/// merged. Edits that overlap on one line are dropped (and counted) rather than
/// guessed at.
public struct FixPlan: Sendable {
    /// Per patch id, per file, per post-image line: (original text, fixed text).
    public private(set) var changes: [String: [String: [Int: (original: String, fixed: String)]]] = [:]
    public private(set) var conflicts = 0

    public init(_ diagnostics: [Diagnostic]) {
        var edits: [String: [String: [Int: [TextEdit]]]] = [:]
        for d in diagnostics {
            for edit in d.fixes {
                // The same edit reported twice (two findings, one fix) counts once.
                var list = edits[d.patchID, default: [:]][edit.file, default: [:]][edit.line, default: []]
                if !list.contains(edit) { list.append(edit) }
                edits[d.patchID, default: [:]][edit.file, default: [:]][edit.line] = list
            }
        }
        for (patch, files) in edits {
            for (file, lines) in files {
                for (line, list) in lines {
                    let original = list[0].original
                    guard list.allSatisfy({ $0.original == original }),
                          let fixed = TextEdit.apply(list, to: original) else {
                        conflicts += 1
                        continue
                    }
                    if fixed != original {
                        changes[patch, default: [:]][file, default: [:]][line] = (original, fixed)
                    }
                }
            }
        }
    }

    public var isEmpty: Bool { changes.isEmpty }

    public var editedLineCount: Int {
        changes.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
    }
}
