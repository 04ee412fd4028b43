import Testing
@testable import PatchLint

@Suite("Unified diff parser")
struct UnifiedDiffParserTests {
    @Test("a modification: paths, section, kinds and git's line numbers")
    func modification() throws {
        let diff = """
        diff --git a/virt/kvm/kvm_main.c b/virt/kvm/kvm_main.c
        index 1111111..2222222 100644
        --- a/virt/kvm/kvm_main.c
        +++ b/virt/kvm/kvm_main.c
        @@ -10,4 +10,5 @@ static int kvm_init(void)
         int a;
        -int b;
        +int c;
        +int d;
         int e;
         int f;
        @@ -40,2 +41,1 @@
         x
        -y

        """
        let files = try UnifiedDiffParser.parse(diff)
        try #require(files.count == 1)
        let file = files[0]
        #expect(file.oldPath == "virt/kvm/kvm_main.c")
        #expect(file.newPath == "virt/kvm/kvm_main.c")
        #expect(file.status == .modified)
        #expect(file.oldMode == "100644" && file.newMode == "100644")
        #expect(!file.isBinary)
        try #require(file.hunks.count == 2)
        let hunk = file.hunks[0]
        #expect(hunk.section == "static int kvm_init(void)")
        #expect(hunk.lines == [
            DiffLine(kind: .context, oldNumber: 10, newNumber: 10, text: "int a;"),
            DiffLine(kind: .removed, oldNumber: 11, newNumber: nil, text: "int b;"),
            DiffLine(kind: .added, oldNumber: nil, newNumber: 11, text: "int c;"),
            DiffLine(kind: .added, oldNumber: nil, newNumber: 12, text: "int d;"),
            DiffLine(kind: .context, oldNumber: 12, newNumber: 13, text: "int e;"),
            DiffLine(kind: .context, oldNumber: 13, newNumber: 14, text: "int f;"),
        ])
        #expect(file.hunks[1].lines == [
            DiffLine(kind: .context, oldNumber: 40, newNumber: 41, text: "x"),
            DiffLine(kind: .removed, oldNumber: 41, newNumber: nil, text: "y"),
        ])
        #expect(file.hunks[1].section == "")
    }

    @Test("new and deleted files")
    func newAndDeleted() throws {
        let diff = """
        diff --git a/new.c b/new.c
        new file mode 100755
        index 0000000..3333333
        --- /dev/null
        +++ b/new.c
        @@ -0,0 +1,2 @@
        +one
        +two
        diff --git a/old.c b/old.c
        deleted file mode 100644
        index 4444444..0000000
        --- a/old.c
        +++ /dev/null
        @@ -1 +0,0 @@
        -gone

        """
        let files = try UnifiedDiffParser.parse(diff)
        try #require(files.count == 2)
        #expect(files[0].status == .added)
        #expect(files[0].oldPath == nil && files[0].newPath == "new.c")
        #expect(files[0].newMode == "100755" && files[0].oldMode == nil)
        #expect(files[0].hunks[0].lines.map(\.newNumber) == [1, 2])
        #expect(files[1].status == .deleted)
        #expect(files[1].oldPath == "old.c" && files[1].newPath == nil)
        #expect(files[1].oldMode == "100644")
        #expect(files[1].hunks[0].lines == [DiffLine(kind: .removed, oldNumber: 1, newNumber: nil, text: "gone")])
        #expect(files[1].path == "old.c")
    }

    @Test("pure rename, rename with changes, copy")
    func renamesAndCopies() throws {
        let diff = """
        diff --git a/arch/x86/kvm/mmu.c b/arch/x86/kvm/mmu/mmu.c
        similarity index 100%
        rename from arch/x86/kvm/mmu.c
        rename to arch/x86/kvm/mmu/mmu.c
        diff --git a/a.h b/b.h
        similarity index 90%
        rename from a.h
        rename to b.h
        index 5555555..6666666 100644
        --- a/a.h
        +++ b/b.h
        @@ -1,2 +1,2 @@
        -#define A 1
        +#define B 1
         #endif
        diff --git a/x.c b/y.c
        similarity index 80%
        copy from x.c
        copy to y.c
        index 7777777..8888888 100644
        --- a/x.c
        +++ b/y.c
        @@ -3 +3 @@
        -old
        +new

        """
        let files = try UnifiedDiffParser.parse(diff)
        try #require(files.count == 3)
        #expect(files[0].status == .renamed && files[0].similarity == 100 && files[0].hunks.isEmpty)
        #expect(files[0].oldPath == "arch/x86/kvm/mmu.c" && files[0].newPath == "arch/x86/kvm/mmu/mmu.c")
        #expect(files[1].status == .renamed && files[1].similarity == 90)
        #expect(files[1].oldPath == "a.h" && files[1].newPath == "b.h")
        #expect(files[1].addedLineCount == 1 && files[1].removedLineCount == 1)
        #expect(files[2].status == .copied && files[2].oldPath == "x.c" && files[2].newPath == "y.c")
        #expect(files[2].hunks[0].lines == [
            DiffLine(kind: .removed, oldNumber: 3, newNumber: nil, text: "old"),
            DiffLine(kind: .added, oldNumber: nil, newNumber: 3, text: "new"),
        ])
    }

    @Test("a mode change alone")
    func modeChange() throws {
        let diff = """
        diff --git a/scripts/run.sh b/scripts/run.sh
        old mode 100644
        new mode 100755

        """
        let files = try UnifiedDiffParser.parse(diff)
        try #require(files.count == 1)
        #expect(files[0].oldMode == "100644" && files[0].newMode == "100755")
        #expect(files[0].isModeChangeOnly)
        #expect(files[0].path == "scripts/run.sh")
    }

    @Test("binary files: `Binary files differ` and a GIT binary patch block")
    func binary() throws {
        let diff = """
        diff --git a/logo.png b/logo.png
        index 9999999..aaaaaaa 100644
        Binary files a/logo.png and b/logo.png differ
        diff --git a/blob.bin b/blob.bin
        new file mode 100644
        index 0000000000000000000000000000000000000000..bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
        GIT binary patch
        literal 12
        TcmZQzWMXDvWn<?6#ApC30Ve<g

        literal 0
        HcmV?d00001

        diff --git a/after.c b/after.c
        --- a/after.c
        +++ b/after.c
        @@ -1 +1 @@
        -a
        +b

        """
        let files = try UnifiedDiffParser.parse(diff)
        try #require(files.count == 3)
        #expect(files[0].isBinary && files[0].hunks.isEmpty && files[0].status == .modified)
        #expect(files[1].isBinary && files[1].hunks.isEmpty && files[1].status == .added)
        #expect(files[1].newPath == "blob.bin" && files[1].oldPath == nil)
        #expect(!files[2].isBinary && files[2].hunks.count == 1)
    }

    @Test("`\\ No newline at end of file` marks the line before it")
    func noNewline() throws {
        let diff = """
        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1,2 +1,2 @@
         keep
        -last
        \\ No newline at end of file
        +last!
        \\ No newline at end of file

        """
        let lines = try UnifiedDiffParser.parse(diff)[0].hunks[0].lines
        #expect(lines.map(\.hasNewline) == [true, false, false])
        #expect(lines.map(\.text) == ["keep", "last", "last!"])
    }

    @Test("omitted hunk counts default to 1")
    func omittedCounts() throws {
        let diff = """
        --- a/f
        +++ b/f
        @@ -7 +7,2 @@
        -x
        +y
        +z
        """
        let hunk = try UnifiedDiffParser.parse(diff)[0].hunks[0]
        #expect(hunk.oldStart == 7 && hunk.oldCount == 1 && hunk.newStart == 7 && hunk.newCount == 2)
        #expect(hunk.lines.map(\.newNumber) == [nil, 7, 8])
    }

    @Test("hunk counts smaller than the body are an error, not a silent cut")
    func countsTooSmall() throws {
        let diff = """
        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1,2 +1,2 @@
         a
        -b
        +c
        +d

        """
        let error = try #require(throws: InputError.self) { try UnifiedDiffParser.parse(diff) }
        #expect(error.message == "diff line 8: hunk @@ -1,2 +1,2 @@ has more lines than its header says")
    }

    @Test("hunk counts larger than the body are an error")
    func countsTooLarge() throws {
        let diff = """
        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1,3 +1,3 @@
         a
        -b
        +c
        diff --git a/g b/g
        --- a/g
        +++ b/g
        @@ -1 +1 @@
        -x
        +y

        """
        let error = try #require(throws: InputError.self) { try UnifiedDiffParser.parse(diff) }
        #expect(error.message.hasPrefix("diff line 8: hunk @@ -1,3 +1,3 @@ is cut short: 1 old and 1 new lines missing"))
        #expect(!error.message.contains("\n"))
        // Absurd counts are just as wrong, and cost nothing.
        let huge = try #require(throws: InputError.self) {
            try UnifiedDiffParser.parse("--- a/f\n+++ b/f\n@@ -1,999999999 +1,999999999 @@\n-a\n")
        }
        #expect(huge.message.hasPrefix("diff line 3: the diff ends inside hunk"))
        #expect(throws: InputError.self) {
            try UnifiedDiffParser.parse("--- a/f\n+++ b/f\n@@ -1,99999999999999999999 +1 @@\n-a\n")
        }
    }

    @Test("a patch that ends inside a hunk is an error")
    func truncated() throws {
        let diff = """
        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1,3 +1,4 @@
         a
        +b
        """
        let error = try #require(throws: InputError.self) { try UnifiedDiffParser.parse(diff) }
        #expect(error.message == "diff line 4: the diff ends inside hunk @@ -1,3 +1,4 @@ (2 old and 2 new lines missing)")
    }

    @Test("malformed hunk headers and headerless hunks are errors")
    func malformedHeaders() throws {
        #expect(throws: InputError.self) {
            try UnifiedDiffParser.parse("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,x +1 @@\n-a\n+b\n")
        }
        #expect(throws: InputError.self) {
            try UnifiedDiffParser.parse("diff --git a/f b/f\nindex 1..2 100644\n@@ -1 +1 @@\n-a\n+b\n")
        }
        #expect(throws: InputError.self) {
            try UnifiedDiffParser.parse("diff --git a/f b/f\n--- a/f\n+++ b/f\n")
        }
    }

    @Test("quoted paths with C escapes, and unquoted paths with spaces")
    func quotedPaths() throws {
        let diff = """
        diff --git "a/sp ace\\t" "b/sp ace\\t"
        --- "a/sp ace\\t"
        +++ "b/sp ace\\t"
        @@ -1 +1 @@
        -a
        +b
        diff --git "a/caf\\303\\251.c" "b/caf\\303\\251.c"
        new file mode 100644
        index 0000000..1111111
        --- /dev/null
        +++ "b/caf\\303\\251.c"
        @@ -0,0 +1 @@
        +x
        diff --git a/with space.c b/with space.c
        --- a/with space.c\t
        +++ b/with space.c\t
        @@ -1 +1 @@
        -a
        +b
        diff --git a/a b/c d b/a b/c d
        old mode 100644
        new mode 100755

        """
        let files = try UnifiedDiffParser.parse(diff)
        try #require(files.count == 4)
        #expect(files[0].oldPath == "sp ace\t" && files[0].newPath == "sp ace\t")
        #expect(files[1].newPath == "café.c" && files[1].status == .added)
        #expect(files[2].oldPath == "with space.c" && files[2].newPath == "with space.c")
        #expect(files[3].path == "a b/c d" && files[3].isModeChangeOnly)
    }

    @Test("a plain (non-git) unified diff with timestamps")
    func plainDiff() throws {
        let diff = """
        diff -urN linux.orig/kernel/a.c linux/kernel/a.c
        --- linux.orig/kernel/a.c\t2024-01-01 10:00:00.000000000 +0100
        +++ linux/kernel/a.c\t2024-01-02 10:00:00.000000000 +0100
        @@ -5,3 +5,3 @@ void f(void)
         a
        -b
        +c
         d
        --- /dev/null\t1970-01-01 01:00:00.000000000 +0100
        +++ linux/kernel/new.c\t2024-01-02 10:00:00.000000000 +0100
        @@ -0,0 +1 @@
        +new

        """
        let files = try UnifiedDiffParser.parse(diff)
        try #require(files.count == 2)
        #expect(files[0].oldPath == "kernel/a.c" && files[0].newPath == "kernel/a.c" && files[0].status == .modified)
        #expect(files[0].hunks[0].section == "void f(void)")
        #expect(files[0].hunks[0].lines[2] == DiffLine(kind: .added, oldNumber: nil, newNumber: 6, text: "c"))
        #expect(files[1].status == .added && files[1].newPath == "kernel/new.c" && files[1].oldPath == nil)
    }

    @Test("a CR in a content line is content; header lines ignore it")
    func carriageReturns() throws {
        let diff = "diff --git a/w.txt b/w.txt\r\n--- a/w.txt\r\n+++ b/w.txt\r\n@@ -1 +1 @@\r\n-old\r\n+new\r\n"
        let file = try UnifiedDiffParser.parse(diff)[0]
        #expect(file.path == "w.txt")
        #expect(file.hunks[0].lines.map(\.text) == ["old\r", "new\r"])
    }

    @Test("an empty line inside a hunk is an empty context line; a signature ends the diff")
    func emptyContextAndSignature() throws {
        let diff = """
        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1,3 +1,3 @@
         a

        -b
        +c
        --\u{20}
        2.39.5

        """
        let lines = try UnifiedDiffParser.parse(diff)[0].hunks[0].lines
        #expect(lines == [
            DiffLine(kind: .context, oldNumber: 1, newNumber: 1, text: "a"),
            DiffLine(kind: .context, oldNumber: 2, newNumber: 2, text: ""),
            DiffLine(kind: .removed, oldNumber: 3, newNumber: nil, text: "b"),
            DiffLine(kind: .added, oldNumber: nil, newNumber: 3, text: "c"),
        ])
    }

    @Test("invalid UTF-8 and NUL bytes never crash; text is decoded lossily")
    func invalidBytes() throws {
        var bytes = Array("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0x41, 0x0A, UInt8(ascii: "+"), 0xC3, 0x0A]
        let lines = try UnifiedDiffParser.parse(bytes)[0].hunks[0].lines
        #expect(lines[0].text == "\u{FFFD}\u{FFFD}\u{0}A")
        #expect(lines[1].text == "\u{FFFD}")
        // Random garbage is either read or rejected with an InputError, never a trap.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // fixed seed: a failure reproduces
        func nextByte() -> UInt8 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            // Mostly diff markers and line breaks, so the noise reaches deep parser states.
            let pick = Int(state % 16)
            return pick < 8 ? Array("+- \\@\n\n\n".utf8)[pick] : UInt8(truncatingIfNeeded: state >> 24)
        }
        for _ in 0..<300 {
            let noise = (0..<200).map { _ in nextByte() }
            _ = try? UnifiedDiffParser.parse(Array("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n".utf8) + noise)
        }
    }

    @Test("combined (merge) diffs are refused with a clear message")
    func combinedDiff() throws {
        let error = try #require(throws: InputError.self) {
            try UnifiedDiffParser.parse("diff --cc f\nindex 1,2..3\n--- a/f\n+++ b/f\n@@@ -1,1 -1,1 +1,1 @@@\n")
        }
        #expect(error.message.contains("combined"))
    }

    @Test("after a signature the diff goes on, as git apply reads it: a reply attaching several patches")
    func filesAfterSignature() throws {
        let diff = """
        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1 +1 @@
        -a
        +b
        --\u{20}
        2.39.5

        From: someone
        Subject: [PATCH 2/2] the second attachment
        ---
        diff --git a/g b/g
        --- a/g
        +++ b/g
        @@ -1 +1,2 @@
         x
        +y

        """
        let files = try UnifiedDiffParser.parse(diff)
        #expect(files.map(\.path) == ["f", "g"])
        #expect(files.map(\.addedLineCount) == [1, 1])
    }

    @Test("a rule of dashes right after the last hunk ends the diff; a real diff line there is still an error")
    func dashRuleAfterHunk() throws {
        for rule in ["---", "------------------", "---  "] {
            let diff = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n\(rule)\nquoted reply text\n"
            let files = try UnifiedDiffParser.parse(diff)
            #expect(files.count == 1 && files[0].addedLineCount == 1, "\(rule)")
        }
        for extra in ["-x", "+y", "---x", " z"] {
            let diff = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n\(extra)\n"
            #expect(throws: InputError.self, "\(extra)") { try UnifiedDiffParser.parse(diff) }
        }
    }
}
