/// Runs every kernel-style rule (`StyleLineRule`) over a patch in one pass.
///
/// Each style rule could walk the patch on its own (`StyleLineRule.check(_:context:into:)`,
/// which rule examples and tests use), but then every rule re-walks every hunk and the
/// sanitized view of a hunk must be cached between them. Here the hunk is sanitized
/// once (`StyleHunkText`: checkpatch's masked view of C and byte views), each added line is built
/// once, and all rules that apply to the file's type see it before the next line.
/// Findings are the same as rule-by-rule runs: every rule sees the same lines with the
/// same previous-line state, and the report order sorts by line and rule anyway.
struct StyleLinePass: Sendable {
    let rules: [any StyleLineRule]

    func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        guard !rules.isEmpty else { return }
        for file in patch.files where !file.isBinary && file.newPath != nil {
            let path = file.path
            let fileExtension = StyleFileTypes.fileExtension(of: path)
            let active = rules.filter { rule in
                type(of: rule).fileExtensions.map { $0.contains(fileExtension) } ?? true
            }
            guard !active.isEmpty else { continue }
            let hunks = file.hunks
            // A hunk is sanitized when it has lines to check, or when its last line is
            // the previous line of a checked line: the first post-image line of the next
            // hunk that has any (the sanitized state of a line depends on its whole hunk).
            var needed = Array(repeating: false, count: hunks.count)
            var nextHunkStartsChecked = false
            for h in hunks.indices.reversed() {
                let first = hunks[h].lines.first { $0.kind != .removed }
                let checked = hunks[h].lines.contains { $0.kind == .added && !$0.moved }
                needed[h] = checked || (first != nil && nextHunkStartsChecked)
                if let first { nextHunkStartsChecked = first.kind == .added && !first.moved }
            }
            var previous: (hunk: StyleHunk, index: Int)?
            for (h, hunk) in hunks.enumerated() {
                guard needed[h] else {
                    // Its last line would only be the previous line of an unchecked one.
                    if hunk.lines.contains(where: { $0.kind != .removed }) { previous = nil }
                    continue
                }
                let styleHunk = StyleHunk(file: file, hunk: hunk, text: StyleHunkText(hunk.lines),
                                          path: path, fileExtension: fileExtension)
                for (i, line) in hunk.lines.enumerated() where line.kind != .removed {
                    if line.kind == .added && !line.moved {
                        let styleLine = StyleLine(context: styleHunk, index: i, previousLine: previous)
                        let oversized = OversizedLine.isOversized(line.text)
                        for rule in active where !oversized || type(of: rule).checksOversizedLines {
                            rule.check(styleLine, context: context, into: &findings)
                        }
                    }
                    previous = (styleHunk, i)
                }
            }
        }
    }
}
