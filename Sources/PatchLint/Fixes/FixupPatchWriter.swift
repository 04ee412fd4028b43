/// Writes the exact fixes as patches that `git apply` accepts on top of the reviewed
/// commit (and `git am` turns into `fixup!` commits for `git rebase --autosquash`).
///
/// The context of each fixup hunk comes from the reviewed patch's own hunks: a
/// hunk's context and added lines are a contiguous run of the post-image, so no file
/// needs to be read and mail input gets fixes too. A diff hunk ends with context
/// unless it reaches the end of the file, which is what `git apply` needs to place
/// a hunk (one without trailing context must match at the end).
public struct FixupPatchWriter {
    public static let contextLines = 3

    public init() {}

    public func render(series: Series, plan: FixPlan) -> String {
        var out = ""
        let fixed = series.patches.filter { plan.changes[$0.id] != nil }
        for (k, patch) in fixed.enumerated() {
            let files = plan.changes[patch.id]!
            let subject = patch.subject.isEmpty ? "staged changes" : patch.subject
            out += "From \(patch.origin == .commit ? patch.id : String(repeating: "0", count: 40)) Mon Sep 17 00:00:00 2001\n"
            out += "From: mmu-review <mmu-review@localhost>\n"
            let number = fixed.count > 1 ? " \(k + 1)/\(fixed.count)" : ""
            out += "Subject: [PATCH\(number)] fixup! \(subject)\n\n"
            out += "Exact fixes from mmu-review for \(patch.origin == .commit ? "commit " + patch.shortID : "the staged changes").\n"
            out += "---\n"
            for file in patch.files where files[file.path] != nil {
                out += diff(for: file, changes: files[file.path]!)
            }
            out += "\n"
        }
        return out
    }

    func diff(for file: FileDiff, changes: [Int: (original: String, fixed: String)]) -> String {
        let path = file.path
        var out = "diff --git a/\(path) b/\(path)\n--- a/\(path)\n+++ b/\(path)\n"
        for hunk in file.hunks {
            // The post-image lines this hunk shows, in order.
            let post = hunk.lines.filter { $0.kind != .removed }
            guard !post.isEmpty else { continue }
            let edited = post.indices.filter { changes[post[$0].newNumber ?? -1] != nil }
            guard !edited.isEmpty else { continue }
            // Merge windows of +-3 lines that touch or overlap.
            var windows: [ClosedRange<Int>] = []
            for i in edited {
                let window = max(0, i - Self.contextLines)...min(post.count - 1, i + Self.contextLines)
                if let last = windows.last, window.lowerBound <= last.upperBound + 1 {
                    windows[windows.count - 1] = last.lowerBound...max(last.upperBound, window.upperBound)
                } else {
                    windows.append(window)
                }
            }
            for window in windows {
                let start = post[window.lowerBound].newNumber ?? 0
                let count = window.count
                out += "@@ -\(start),\(count) +\(start),\(count) @@\n"
                for line in post[window] {
                    let eofMark = line.hasNewline ? "" : "\n\\ No newline at end of file"
                    if let change = changes[line.newNumber ?? -1] {
                        out += "-\(change.original)\(eofMark)\n+\(change.fixed)\(eofMark)\n"
                    } else {
                        out += " \(line.text)\(eofMark)\n"
                    }
                }
            }
        }
        return out
    }
}
