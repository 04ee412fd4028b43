import Testing
@testable import PatchLint

/// The byte-level checks of the simpler style rules against the regexes and
/// Character code they stand in for, on generated plain lines.
@Suite("Style fast paths: line checks")
struct StyleFastPathLineTests {
    static let lines = StyleFastPathCorpus.lines(count: 4_000)
        + ["        x", "\t        x", " \tx", " \t", "\t \t", "  \t  \tfoo", "\t", "", "x \ty"]

    @Test("CODE_INDENT's leading whitespace test matches its two regexes")
    func codeIndent() {
        var hits = 0
        for line in Self.lines {
            guard let plain = PlainASCIILine(line) else { continue }
            let slow = (line.first == " " || line.first == "\t")
                && (CodeIndentRule.spaceThenTab.matches(line) || CodeIndentRule.eightSpaces.matches(line))
            #expect(CodeIndentRule.plainMisindented(plain) == slow, "\(line.debugDescription)")
            if slow { hits += 1 }
        }
        #expect(hits > 10)
    }

    @Test("LONG_LINE's plain display length counts like displayLength")
    func displayLength() {
        for line in Self.lines {
            guard let plain = PlainASCIILine(line) else { continue }
            #expect(LongLineKind.plainDisplayLength(plain) == KernelSanitizer.displayLength(line))
        }
    }

    @Test("the byte prefilters never skip a line the checks would report")
    func prefilters() {
        for line in Self.lines {
            guard let plain = PlainASCIILine(line) else { continue }
            if !plain.containsPair(0x20, 0x09) { #expect(!line.contains(" \t")) }
            if !plain.containsPair(0x5C, 0x6E) { #expect(!QuotedWhitespaceBeforeNewlineRule.pattern.matches(line)) }
            if !plain.contains("SPDX-License-Identifier:") { #expect(!SPDXLicenseTagRule.tagAnywhere.matches(line)) }
            if !(plain.contains("_ATTR") || plain.contains("module_param") || plain.contains("debugfs_create_")
                 || plain.contains("proc_create") || plain.contains("SENSOR_TEMPLATE")) {
                #expect(!ExportedWorldWritableRule.anyCreator.matches(line))
            }
        }
    }
}

@Suite("Style fast paths: BRACES")
struct StyleFastPathBracesTests {
    @Test("the keyword scan finds what the keyword regex finds, at the same offset")
    func keyword() {
        var hits = 0
        for line in StyleFastPathLineTests.lines + ["ifx if", "xif(", "_for for", "9else else;", "while(", "whilex"] {
            guard let plain = PlainASCIILine(line) else { continue }
            let slow = BracesRule.keyword.allMatches(line).first?.offset
            #expect(BracesRule.plainKeywordOffset(plain) == slow, "\(line.debugDescription)")
            if slow != nil { hits += 1 }
        }
        #expect(hits > 100)
    }
}

@Suite("Style fast paths: POINTER_LOCATION")
struct StyleFastPathPointerTests {
    @Test("lines the byte test rules out get no message from the regexes")
    func prefilter() {
        var skipped = 0, reported = 0
        let extra = ["\tstruct kvm_mmu_page* sp;", "\tu64 * sptep;", "(void*)addr", "char **argv;",
                     "int *p = (int *)q;", "u8const *p;", "x_tconst *p;", "(int const )*p"]
        let declarations = StyleFastPathCorpus.lines(count: 4_000, maxPieces: 8,
                                                     from: StyleFastPathCorpus.declarationPieces)
        for line in StyleFastPathLineTests.lines + declarations + extra {
            guard let plain = PlainASCIILine(line), line.contains("*") else { continue }
            let message = PointerLocationRule.message(for: line)
            if message != nil { reported += 1 }
            if !PointerLocationRule.plainMayReport(plain) {
                skipped += 1
                #expect(message == nil, "\(line.debugDescription)")
            }
        }
        #expect(skipped > 50 && reported > 50)
    }
}

@Suite("Style fast paths: BLOCK_COMMENT_STYLE")
struct StyleFastPathBlockCommentTests {
    @Test("the byte tests answer like the regexes and contains they replace")
    func helpers() {
        let cm = String(KernelSanitizer.commentMark)
        let extra = [" * text", "\t *", "  */", cm + "  ", cm + "\tx", "x" + cm + " \t", "/* a", "a /", "é /*", "é" + cm,
                     " é*", "x\r" + cm, "x" + cm + "\r"]
        for line in StyleFastPathLineTests.lines + extra {
            #expect(BlockCommentStyleRule.endsInCommentMark(line) == BlockCommentStyleRule.endsInComment.matches(line),
                    "\(line.debugDescription)")
            #expect(BlockCommentStyleRule.startsWithStar(line) == BlockCommentStyleRule.leadingStar.matches(line),
                    "\(line.debugDescription)")
            #expect(BlockCommentStyleRule.opensComment(line) == line.contains("/*"), "\(line.debugDescription)")
            #expect(line.utf8.contains(BlockCommentStyleRule.commentByte) == line.contains(KernelSanitizer.commentMark))
        }
    }
}

extension StyleFastPathBracesTests {
    static let statementPieces = [
        "\tif (x)", "if (a &&", " b)", " {", "}", "\t} else {", "else", "else if (y)", " else ",
        "for (i = 0; i < n; i++)", "while (x)", "do", "\t\tfoo();", "bar(a, b);", "return 1;", ";",
        "{", "(", ")", "\\", " ", "\t", "x", "[", "]", "if", "ifx", "} while (0);", "/* c */",
        String(KernelSanitizer.commentMark), "switch (v)",
    ]
    static let keywordLines = [
        "\tif (x) {", "\tif (x)", "\tfor (i = 0; i < n; i++) {", "\twhile (x) {", "\t} else {", "\telse",
        "\tif (a &&", "\tx = 1; if (y) {", "\t} else if (z) {", "\tdo {", "\tif (x) { foo(); }",
    ]
    static let bodyLines = [
        "\t\tfoo();", "\t\tbar(a, b);", "\t\tif (y)", "\t\treturn 1;", "\t}", "\t} else {", "\t} else if (z) {",
        "\telse", "\t\tx = 1; y = 2;", "\t    b) {", "", "\t\tfoo(a,", "\t\t    b);", "\t} while (x);", "\t{",
    ]

    @Test("the byte chain parser gives the Character parser's verdict on generated statements")
    func statements() {
        var rng = StyleFastPathCorpus.Generator(seed: 11)
        var reported = 0
        for _ in 0..<4_000 {
            let count = Int.random(in: 1...7, using: &rng)
            // Mostly statement-shaped lines, some lines of random pieces.
            let lines = (0..<count).map { k in
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    return (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                        Self.statementPieces.randomElement(using: &rng)!
                    }.joined()
                }
                return (k == 0 ? Self.keywordLines : Self.bodyLines).randomElement(using: &rng)!
            }
            let plain = lines.map { PlainASCIILine($0)! }
            var bytes = plain[0].bytes
            for p in plain.dropFirst() { bytes.append(0x0A); bytes.append(contentsOf: p.bytes) }
            let fast = BracesRule.plainMessage(.init(bytes: bytes, firstLineLength: plain[0].count))
            let slow = BracesRule.characterMessage(lines[0], following: Array(lines.dropFirst()))
            #expect(fast == slow, "\(lines)")
            if slow != nil { reported += 1 }
        }
        #expect(reported > 100)
    }
}

extension StyleFastPathBlockCommentTests {
    @Test("the byte star columns and closer tests answer like the regexes")
    func starColumns() {
        let cm = String(KernelSanitizer.commentMark)
        let extra = ["\t/*", "\t/**", "  /* x", "\t * text", "\t  *", "x = 1; /* y", "a*b /* c", "/", "\t/x*",
                     " */", "*/ \t", "x */x", cm + cm + " a", "\t" + cm, "é /*", "\t *é", "x\r */", "a/*b*c"]
        for line in StyleFastPathLineTests.lines + extra {
            let tight = BlockCommentStyleRule.starIndentTight.firstMatch(line)?[1]
            let old = tight ?? BlockCommentStyleRule.starIndentLoose.firstMatch(line)?[1] ?? ""
            #expect(BlockCommentStyleRule.previousStarColumn(line) == KernelSanitizer.displayLength(old),
                    "\(line.debugDescription)")
            let new = BlockCommentStyleRule.starIndentNew.firstMatch(line)?[1] ?? ""
            #expect(BlockCommentStyleRule.starColumn(line) == KernelSanitizer.displayLength(new), "\(line.debugDescription)")
            #expect(BlockCommentStyleRule.closesCommentAtEnd(line) == BlockCommentStyleRule.closesAtEnd.matches(line),
                    "\(line.debugDescription)")
            #expect(BlockCommentStyleRule.startsWithCommentMark(line)
                    == BlockCommentStyleRule.leadingCommentSanitized.matches(line), "\(line.debugDescription)")
        }
    }
}

@Suite("Style fast paths: file types")
struct StyleFastPathFileTypeTests {
    @Test("the byte extension of a path is the one split and lastIndex give")
    func fileExtension() {
        let paths = ["arch/x86/kvm/mmu/mmu.c", "a.h", "Makefile", "dir/", "dir.d/", "dir.d/file", ".gitignore",
                     "a/b/.c", "x.tar.gz", "", "/", "a//b.S", "a.b/c", "tools/run.sh", "trailing.", "é/x.c", "x.é"]
        for path in paths {
            let name = path.split(separator: "/").last ?? ""
            let expected = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
            #expect(StyleFileTypes.fileExtension(of: path) == expected, "\(path)")
        }
    }
}

@Suite("Style fast paths: TRAILING_WHITESPACE")
struct StyleFastPathTrailingWhitespaceTests {
    /// The rule's test on Characters, without the last-byte gate.
    static func endsInBlank(_ text: String) -> Bool {
        var t = Substring(text)
        if t.last == "\r" { t = t.dropLast() }
        return t.last == " " || t.last == "\t"
    }

    @Test("the last-byte gate keeps every line the Character test reports")
    func gate() {
        let endings = ["", " ", "\t", "\r", " \r", "\t\r", "x", "é", "\u{600} ", " \u{301}", "\r\r", "\u{1C}"]
        for base in ["", "int x;", "é"] {
            for ending in endings {
                let text = base + ending
                let diff = "+" + text
                let reported = !findings(TrailingWhitespaceRule.self, diff).isEmpty
                #expect(reported == Self.endsInBlank(text), "\(text.debugDescription)")
            }
        }
    }
}

@Suite("Style fast paths: shared hunk text")
struct StyleFastPathHunkCacheTests {
    @Test("inputs reusing a patch id and hunk position never share sanitized text")
    func sameIDDifferentHunks() {
        // stylePatch gives every input the same patch id; the hunks differ.
        let keyword = "space required before the open parenthesis '('"
        let assignment = "spaces required around that '=' (ctx:VxV)"
        for _ in 0..<3 {
            #expect(findings(SpacingRule.self, "+\tif(x)").map(\.message) == [keyword])
            #expect(findings(SpacingRule.self, "+\tx=1;").map(\.message) == [assignment])
            #expect(findings(SpacingRule.self, "+\t/* x=1; */").isEmpty)
        }
    }
}

