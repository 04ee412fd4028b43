import FuzzSupport
import PatchLint

// The unified-diff parser on arbitrary bytes: it may refuse (InputError), never crash, and
// what it accepts must be consistent: every hunk holds exactly the lines its header counts.
FuzzDriver.run { bytes in
    guard let files = try? UnifiedDiffParser.parse(bytes) else { return }
    for file in files {
        precondition(file.oldPath != nil || file.newPath != nil, "a file without any path")
        for hunk in file.hunks {
            precondition(hunk.lines.filter { $0.kind != .added }.count == hunk.oldCount, "old count lies")
            precondition(hunk.lines.filter { $0.kind != .removed }.count == hunk.newCount, "new count lies")
        }
    }
}
