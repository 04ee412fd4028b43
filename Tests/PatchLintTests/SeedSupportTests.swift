import Foundation
import Testing
@testable import PatchLint

/// Test support for the seed rules: a minimal reader for `git show` output (one
/// commit, unified diff), so tests can feed real-looking patches written as fixtures
/// without depending on the git reader.
enum GitShowFixture {
    static func patch(_ text: String, index: Int = 1, total: Int = 1) -> Patch {
        var message: [String] = []
        var files: [FileDiff] = []
        var hunks: [Hunk] = []
        var oldPath: String?, newPath: String?
        var body: [(DiffLine.Kind, String)] = []
        var header: (old: Int, new: Int, section: String)?
        var inMessage = false
        func flushHunk() {
            if let h = header { hunks.append(Hunk(oldStart: h.old, newStart: h.new, section: h.section, body: body)) }
            header = nil
            body = []
        }
        func flushFile() {
            flushHunk()
            if oldPath != nil || newPath != nil {
                let status: FileDiff.Status = oldPath == nil ? .added : newPath == nil ? .deleted : .modified
                files.append(FileDiff(oldPath: oldPath, newPath: newPath, status: status, hunks: hunks))
            }
            hunks = []
            oldPath = nil
            newPath = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("diff --git ") {
                flushFile()
                inMessage = false
                continue
            }
            if header == nil && line.hasPrefix("--- ") {
                oldPath = line == "--- /dev/null" ? nil : String(line.dropFirst(6))
                continue
            }
            if header == nil && line.hasPrefix("+++ ") {
                newPath = line == "+++ /dev/null" ? nil : String(line.dropFirst(6))
                continue
            }
            if line.hasPrefix("@@ ") {
                flushHunk()
                let parts = line.split(separator: " ")
                let old = Int(parts[1].dropFirst().split(separator: ",")[0]) ?? 0
                let new = Int(parts[2].dropFirst().split(separator: ",")[0]) ?? 0
                let section = line.components(separatedBy: " @@").dropFirst().joined(separator: " @@")
                    .trimmingCharacters(in: .whitespaces)
                header = (old, new, section)
                continue
            }
            if header != nil {
                switch line.first {
                case "+": body.append((.added, String(line.dropFirst())))
                case "-": body.append((.removed, String(line.dropFirst())))
                case " ": body.append((.context, String(line.dropFirst())))
                case nil: body.append((.context, ""))
                default: break
                }
                continue
            }
            if line.hasPrefix("Date:") { inMessage = true; continue }
            if inMessage { message.append(line.hasPrefix("    ") ? String(line.dropFirst(4)) : line) }
        }
        flushFile()
        let (subject, msgBody) = CommitMessage.split(message.joined(separator: "\n"))
        return Patch(origin: .commit, id: String(repeating: "\(index)", count: 40),
                     subject: subject, body: msgBody, index: index, total: total,
                     parentIDs: ["0"], files: files)
    }
}

@Suite("Seed test support")
struct SeedSupportTests {
    @Test("the git-show fixture reader numbers lines as git does")
    func readsGitShow() {
        let patch = GitShowFixture.patch("""
            commit 1111111111111111111111111111111111111111
            Author: Ex Ample <ex@example.org>
            Date:   Thu Sep 26 16:18:04 2019 -0700

                KVM: x86: Subject

                Body.

            diff --git a/a.c b/a.c
            --- a/a.c
            +++ b/a.c
            @@ -3,3 +3,3 @@ int f(void)
             int x;
            -int y;
            +int z;
             int w;
            """)
        #expect(patch.subject == "KVM: x86: Subject")
        #expect(patch.files.count == 1)
        let lines = patch.files[0].hunks[0].lines
        #expect(lines.map(\.kind) == [.context, .removed, .added, .context])
        #expect(lines[2].newNumber == 4)
        #expect(patch.files[0].hunks[0].section == "int f(void)")
    }
}
