import Foundation
import Testing
@testable import PatchLint
import TestSupport

/// The libgit2 reader, checked against the real git on generated repositories.
@Suite("Git series reader")
struct GitSeriesReaderTests {
    func reader(_ fixture: GitFixture) throws -> GitSeriesReader {
        GitSeriesReader(repository: try GitRepository.open(discoveringFrom: fixture.path))
    }

    func lines(_ file: FileDiff) -> [GitShowOracle.Line] {
        file.hunks.flatMap { $0.lines }.map { line in
            let marker: Character = line.kind == .added ? "+" : line.kind == .removed ? "-" : " "
            return GitShowOracle.Line(marker: marker, old: line.oldNumber, new: line.newNumber, text: line.text)
        }
    }

    /// A deterministic generator so every run sees the same edits.
    struct SplitMix {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test("line numbers and texts equal what git show prints, over many random edits")
    func lineNumbersMatchGitShow() throws {
        let fixture = try GitFixture()
        var rng = SplitMix(state: 42)
        var files: [String: [String]] = [:]
        for name in ["arch/x86/kvm/mmu.c", "arch/x86/kvm/x86.c", "include/kvm.h"] {
            files[name] = (0..<60).map { "\tline_\($0) = \($0 * 7 % 13);" }
        }
        func flush() throws {
            for (name, lines) in files { try fixture.write(name, lines.joined(separator: "\n") + "\n") }
        }
        try flush()
        var shas = [try fixture.commit("KVM: initial\n\nSigned-off-by: Ann Author <ann@example.org>")]
        for round in 0..<12 {
            for name in files.keys.sorted() where rng.next(3) > 0 {
                var lines = files[name]!
                for _ in 0..<(1 + rng.next(6)) {
                    let at = rng.next(max(lines.count, 1))
                    switch rng.next(4) {
                    case 0: lines.insert("\tadded_\(round)_\(rng.next(1000));", at: at)
                    case 1: if !lines.isEmpty { lines.remove(at: at) }
                    case 2: if !lines.isEmpty { lines[at] = "\tchanged_\(round) {" }
                    default: lines.insert(contentsOf: ["", "static int f\(round)(void)", "{", "\treturn 0;", "}"], at: at)
                    }
                }
                files[name] = lines
            }
            try flush()
            shas.append(try fixture.commit("KVM: round \(round)\n\nBody.\n\nSigned-off-by: Ann Author <ann@example.org>"))
        }
        let series = try reader(fixture).series(revision: "\(shas[0])..HEAD")
        #expect(series.patches.map(\.id) == Array(shas.dropFirst()))
        for patch in series.patches {
            let oracle = GitShowOracle.files(fromShowOutput:
                try fixture.git("show", "--format=", "--no-color", "--no-ext-diff", patch.id))
            #expect(patch.files.map(\.path) == oracle.map(\.path))
            for (mine, theirs) in zip(patch.files, oracle) {
                #expect(lines(mine) == theirs.lines, "\(patch.subject) \(mine.path)")
            }
        }
    }

    @Test("renames, binary files, mode changes, deletions and a missing final newline")
    func fileKinds() throws {
        let fixture = try GitFixture()
        let body = (0..<20).map { "int v\($0);" }.joined(separator: "\n") + "\n"
        try fixture.write("old_name.c", body)
        try fixture.write("gone.c", "int gone;\n")
        try fixture.write("tool.sh", "#!/bin/sh\necho hi\n")
        try fixture.write("blob.bin", Data([0, 1, 2, 3, 0, 255]))
        try fixture.commit("base")
        try FileManager.default.removeItem(atPath: fixture.path + "/old_name.c")
        try fixture.write("new_name.c", body.replacingOccurrences(of: "int v3;", with: "long v3;"))
        try FileManager.default.removeItem(atPath: fixture.path + "/gone.c")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/tool.sh")
        try fixture.write("blob.bin", Data([0, 9, 9, 9, 0, 255]))
        try fixture.write("nonl.c", "int a;\nint b;")
        let sha = try fixture.commit("change kinds")
        let patch = try #require(try reader(fixture).series(revision: sha).patches.first)
        let byPath = Dictionary(uniqueKeysWithValues: patch.files.map { ($0.path, $0) })

        let renamed = try #require(byPath["new_name.c"])
        #expect(renamed.status == .renamed)
        #expect(renamed.oldPath == "old_name.c")
        #expect((renamed.similarity ?? 0) >= 50)
        #expect(renamed.hunks.flatMap(\.lines).filter { $0.kind == .added }.map(\.text) == ["long v3;"])

        let binary = try #require(byPath["blob.bin"])
        #expect(binary.isBinary && binary.hunks.isEmpty)

        let mode = try #require(byPath["tool.sh"])
        #expect(mode.isModeChangeOnly)
        #expect(mode.oldMode == "100644" && mode.newMode == "100755")

        let deleted = try #require(byPath["gone.c"])
        #expect(deleted.status == .deleted && deleted.newPath == nil)

        let nonl = try #require(byPath["nonl.c"])
        #expect(nonl.status == .added)
        #expect(nonl.hunks[0].lines.map(\.hasNewline) == [true, false])
    }

    @Test("a root commit is diffed against the empty tree")
    func rootCommit() throws {
        let fixture = try GitFixture()
        try fixture.write("a.c", "int a;\nint b;\n")
        let sha = try fixture.commit("root")
        let patch = try #require(try reader(fixture).series(revision: "HEAD").patches.first)
        #expect(patch.id == sha && patch.parentIDs.isEmpty)
        #expect(patch.files.first?.status == .added)
        #expect(patch.files.first?.hunks.first?.lines.map(\.newNumber) == [1, 2])
    }

    @Test("commit metadata: author, subject, body, trailers")
    func metadata() throws {
        let fixture = try GitFixture()
        try fixture.write("a.c", "int a;\n")
        try fixture.commit("""
            KVM: x86/mmu: Do the thing

            Because it is needed.

            Fixes: 0123456789ab ("KVM: x86: Old thing")
            Reviewed-by: Rev Iewer <rev@example.org>
            Signed-off-by: Ann Author <ann@example.org>
            """)
        let patch = try #require(try reader(fixture).series(revision: "HEAD").patches.first)
        #expect(patch.subject == "KVM: x86/mmu: Do the thing")
        #expect(patch.author == Person(name: "Ann Author", email: "ann@example.org"))
        #expect(patch.committer?.name == "Cy Committer")
        #expect(patch.body.hasPrefix("Because it is needed."))
        #expect(patch.trailers.map(\.key) == ["Fixes", "Reviewed-by", "Signed-off-by"])
        #expect(patch.trailers[0].value == "0123456789ab (\"KVM: x86: Old thing\")")
        #expect(patch.date == Date(timeIntervalSince1970: 1_700_000_000 + 3 * 60))
    }

    /// base - c1 - c2 - c3 (master), with a side branch off c1 merged at m.
    func historyFixture() throws -> (GitFixture, [String: String]) {
        let f = try GitFixture()
        var ids: [String: String] = [:]
        try f.write("a.c", "int a;\n"); ids["base"] = try f.commit("base")
        try f.git("tag", "base")
        try f.write("a.c", "int a;\nint c1;\n"); ids["c1"] = try f.commit("c1")
        try f.git("checkout", "-q", "-b", "side")
        try f.write("side.c", "int side;\n"); ids["s1"] = try f.commit("s1")
        try f.git("checkout", "-q", "master")
        try f.write("a.c", "int a;\nint c1;\nint c2;\n"); ids["c2"] = try f.commit("c2")
        try f.git("merge", "-q", "--no-ff", "-m", "Merge side", "side"); ids["m"] = try f.sha("HEAD")
        try f.write("a.c", "int a;\nint c1;\nint c2;\nint c3;\n"); ids["c3"] = try f.commit("c3")
        try f.git("tag", "v1")
        return (f, ids)
    }

    @Test("revision forms: A..B, A...B, REV, REV-N, HEAD~N, tags, @{u}, --first-parent")
    func revisionForms() throws {
        let (f, id) = try historyFixture()
        let r = try reader(f)
        func ids(_ spec: String, firstParent: Bool = false) throws -> [String] {
            try r.series(revision: spec, options: .init(firstParent: firstParent)).patches.map(\.id)
        }
        // Oldest first; the merge itself is skipped with a note.
        let all = try ids("base..HEAD")
        #expect(Set(all) == Set([id["c1"]!, id["s1"]!, id["c2"]!, id["c3"]!]))
        #expect(all.first == id["c1"] && all.last == id["c3"])
        let withNotes = try r.series(revision: "base..HEAD")
        #expect(withNotes.notes.count == 1 && withNotes.notes[0].contains("Merge side"))
        #expect(try ids("base..HEAD", firstParent: true) == [id["c1"]!, id["c2"]!, id["c3"]!])
        #expect(try ids("v1") == [id["c3"]!])
        #expect(try ids("HEAD~1") == [])  // HEAD~1 is the merge: skipped
        #expect(try ids("HEAD~2") == [id["c2"]!])
        #expect(try ids("HEAD-2") == [id["c2"]!, id["c3"]!].sorted { all.firstIndex(of: $0)! < all.firstIndex(of: $1)! })
        #expect(try ids("c2..".replacingOccurrences(of: "c2", with: id["c2"]!)).contains(id["c3"]!))
        // Symmetric difference: side...master = commits on either side only.
        #expect(Set(try ids("side...\(id["c2"]!)")) == Set([id["s1"]!, id["c2"]!]))
        #expect(try ids("HEAD..HEAD").isEmpty)
        // @{u}: the local branch `base-branch` as master's upstream.
        try f.git("branch", "base-branch", id["c2"]!)
        try f.git("config", "branch.master.remote", ".")
        try f.git("config", "branch.master.merge", "refs/heads/base-branch")
        let upstream = try ids("@{u}..HEAD")
        #expect(upstream.contains(id["c3"]!) && !upstream.contains(id["c2"]!))
        #expect(r.defaultRevision() == "@{u}..HEAD")
    }

    @Test("unknown revisions and bad ranges are input errors")
    func badRevisions() throws {
        let (f, _) = try historyFixture()
        let r = try reader(f)
        #expect(throws: InputError("unknown revision 'nope'")) { try r.series(revision: "nope") }
        #expect(throws: InputError("unknown revision 'nope'")) { try r.series(revision: "base..nope") }
        #expect(throws: InputError.self) { try r.series(revision: "HEAD~99") }
    }

    @Test("shallow history says so")
    func shallow() throws {
        let (f, _) = try historyFixture()
        let clone = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: clone) }
        _ = try Subprocess.run("/usr/bin/git", ["clone", "-q", "--depth", "1", "file://\(f.path)", clone],
                               environment: GitFixture.environment)
        let r = GitSeriesReader(repository: try GitRepository.open(discoveringFrom: clone))
        do {
            _ = try r.series(revision: "HEAD~3..HEAD")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.message.contains("shallow"))
        }
    }

    @Test("--staged: the index against HEAD, and against the empty tree on an unborn branch")
    func staged() throws {
        let f = try GitFixture()
        try f.write("new.c", "int x;\nint y;\n")
        try f.git("add", "new.c")
        let repo = try GitRepository.open(discoveringFrom: f.path)
        #expect(repo.isHeadUnborn)
        let first = try GitSeriesReader(repository: repo).stagedPatch()
        #expect(first.origin == .staged)
        #expect(first.files.map(\.path) == ["new.c"])
        #expect(first.files[0].hunks[0].lines.map(\.newNumber) == [1, 2])
        try f.commit("first")
        try f.write("new.c", "int x;\nint z;\nint y;\n")
        try f.write("unstaged.c", "int u;\n")  // not added: must not appear
        try f.git("add", "new.c")
        let second = try reader(f).stagedPatch()
        #expect(second.files.map(\.path) == ["new.c"])
        let added = second.files[0].hunks.flatMap(\.lines).filter { $0.kind == .added }
        #expect(added.map(\.newNumber) == [2] && added.map(\.text) == ["int z;"])
    }

    @Test("a long range is read in parallel, in order, with the same result as one commit at a time")
    func parallelRead() throws {
        let f = try GitFixture()
        var shas: [String] = []
        for i in 0..<60 {
            try f.write("f\(i % 7).c", (0...i).map { "int v\($0);" }.joined(separator: "\n") + "\n")
            shas.append(try f.commit("c\(i)"))
        }
        var calls: [Int] = []
        let lock = NSLock()
        var r = try reader(f)
        nonisolated(unsafe) var seen = calls
        r.progress = { done, total in lock.lock(); seen.append(done); lock.unlock(); #expect(total == 59) }
        let series = try r.series(revision: "\(shas[0])..HEAD")
        calls = seen
        #expect(series.patches.map(\.id) == Array(shas.dropFirst()))
        #expect(series.patches.map(\.index) == Array(1...59))
        #expect(calls.sorted() == Array(1...59))
        for patch in series.patches.prefix(59) {
            let one = try reader(f).patch(commitID: patch.id, index: patch.index, total: 59)
            #expect(one == patch)
        }
    }
}
