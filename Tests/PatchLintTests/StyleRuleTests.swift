import Testing
@testable import PatchLint

/// Builds a one-file patch from hunk lines written with diff markers.
func stylePatch(_ diff: String, path: String = "arch/x86/kvm/mmu/mmu.c", start: Int = 10,
                movedLines: Set<Int> = []) -> Series {
    var body: [(DiffLine.Kind, String)] = []
    for raw in diff.split(separator: "\n", omittingEmptySubsequences: false) {
        let kind: DiffLine.Kind = raw.first == "+" ? .added : raw.first == "-" ? .removed : .context
        body.append((kind, String(raw.dropFirst())))
    }
    var hunk = Hunk(oldStart: start, newStart: start, body: body)
    for i in hunk.lines.indices where movedLines.contains(i) { hunk.lines[i].moved = true }
    let file = FileDiff(oldPath: path, newPath: path, status: .modified, hunks: [hunk])
    let patch = Patch(origin: .commit, id: String(repeating: "a", count: 40), subject: "KVM: x86/mmu: Test",
                      body: "Body.\n\nSigned-off-by: A <a@example.org>", files: [file])
    return Series(patches: [patch])
}

func findings(_ rule: any Rule.Type, _ diff: String, path: String = "arch/x86/kvm/mmu/mmu.c",
              options: ReviewOptions = ReviewOptions(), movedLines: Set<Int> = []) -> [Diagnostic] {
    ReviewEngine(rules: [rule], options: options)
        .review(stylePatch(diff, path: path, movedLines: movedLines))
}

@Suite("Kernel-style rules")
struct StyleRuleTests {
    @Test("the sanitizer masks comments across lines and string contents")
    func sanitizer() {
        let lines = [
            DiffLine(kind: .added, oldNumber: nil, newNumber: 1, text: "int a; /* start"),
            DiffLine(kind: .removed, oldNumber: 1, newNumber: nil, text: "*/ removed lines do not count"),
            DiffLine(kind: .added, oldNumber: nil, newNumber: 2, text: " * if(x) inside */ b = \"s,t\";"),
        ]
        let s = KernelSanitizer.sanitize(lines)
        let cm = String(KernelSanitizer.commentMark)
        #expect(s[0] == "int a; " + String(repeating: cm, count: 8))
        #expect(s[1] == "")
        #expect(s[2] == String(repeating: cm, count: 18) + " b = \"XXX\";")
    }

    @Test("a string continued with a backslash stays a string on the next line")
    func continuedString() {
        let lines = [
            DiffLine(kind: .added, oldNumber: nil, newNumber: 1, text: "\tasm(\"1: lwarx %0,0,%2\\n\\"),
            DiffLine(kind: .added, oldNumber: nil, newNumber: 2, text: "\tcmpwi 0,%0,0\\n\" : \"=r\" (x));"),
        ]
        let s = KernelSanitizer.sanitize(lines)
        #expect(s[1] == "XXXXXXXXXXXXXXX\" : \"XX\" (x));")
        #expect(SpacingRule.messages(for: s[1]).isEmpty)
    }

    @Test("a hunk that starts inside a block comment is recognised by its first edge")
    func hunkStartsInComment() {
        let lines = [
            DiffLine(kind: .context, oldNumber: 1, newNumber: 1, text: " * foo(a,b) in prose"),
            DiffLine(kind: .context, oldNumber: 2, newNumber: 2, text: " */"),
            DiffLine(kind: .added, oldNumber: nil, newNumber: 3, text: "x=1;"),
        ]
        let s = KernelSanitizer.sanitize(lines)
        #expect(s[0].allSatisfy { $0 == KernelSanitizer.commentMark })
        #expect(s[2] == "x=1;")
        #expect(SpacingRule.messages(for: s[0]).isEmpty)
    }

    @Test("LONG_LINE honours maxLineLength and counts tabs to 8-column stops")
    func longLineLimit() {
        let line = "+\t\t" + String(repeating: "x", count: 70) + ";"  // 16 + 71 = 87 columns
        #expect(findings(LongLineRule.self, line).isEmpty)
        let at80 = findings(LongLineRule.self, line, options: ReviewOptions(maxLineLength: 80))
        #expect(at80.map(\.message) == ["line length of 87 exceeds 80 columns"])
        #expect(at80.first?.line == 10)
    }

    @Test("rules see added lines only: context, removed and moved lines are never reported")
    func addedLinesOnly() {
        let diff = "\tif(a)\n-\tif(b)\n+\tif(c)\n+\tif(d)"
        let found = findings(SpacingRule.self, diff, movedLines: [3])
        #expect(found.map(\.line) == [11])
    }

    @Test("file types follow checkpatch: C checks skip assembly and docs, LONG_LINE skips docs")
    func fileTypes() {
        #expect(findings(SpacingRule.self, "+\tif(x)", path: "arch/x86/kvm/vmx/vmenter.S").isEmpty)
        let long = "+" + String(repeating: "word ", count: 30)
        #expect(findings(LongLineRule.self, long, path: "Documentation/virt/kvm/api.rst").isEmpty)
        #expect(findings(LongLineRule.self, long, path: "tools/testing/selftests/kvm/run.sh").count == 1)
    }

    @Test("SPACING reports each checkpatch message with its severity")
    func spacingMessages() {
        let cases: [(String, [String])] = [
            ("if(x){", ["space required before the open brace '{'", "space required before the open parenthesis '('"]),
            ("a = b ;", ["space prohibited before semicolon"]),
            ("foo(a ,b);", ["space prohibited before that ',' (ctx:WxV)", "space required after that ',' (ctx:WxV)"]),
            ("x+=1;", ["spaces required around that '+=' (ctx:VxV)"]),
            ("p = a->b;", []),
            ("p = a -> b;", ["spaces prohibited around that '->' (ctx:WxW)"]),
            ("return a<b;", ["spaces required around that '<' (ctx:VxV)"]),
            ("x = -1;", []),
            ("*p = !q;", []),
            ("foo(a, b);", []),
            ("} while (0);", []),
            ("if (x) {", []),
            ("x = a |b;", ["need consistent spacing around '|' (ctx:WxV)"]),
            ("x = a<<b | c>> 2;", ["need consistent spacing around '>>' (ctx:VxW)"]),
            ("ulong (*get_dr)(int dr);", []),
            ("x = a ? b: c;", ["spaces required around that ':' (ctx:VxW)"]),
            ("x = a?b:c;", []),
            ("asm volatile(\"sync\" : : :\"memory\");", ["spaces required around that ':' (ctx:WxV)"]),
            ("asm goto(\"x\" :: \"r\" (a) :: l);", []),
            ("case 1 :", ["space prohibited before that ':' (ctx:WxE)"]),
            ("out:", []),
            ("\tunsigned int valid:1;", []),
        ]
        for (line, expected) in cases {
            #expect(SpacingRule.messages(for: line).map(\.0) == expected, "\(line)")
        }
        // The tail of a multi-line ternary is not a label.
        #expect(SpacingRule.messages(for: "\t\t   value :", startsStatement: false).isEmpty)
        #expect(!SpacingRule.messages(for: "\t\t   value :", startsStatement: true).isEmpty)
        let warn = SpacingRule.messages(for: "a = b ;").first?.1
        #expect(warn == .warning)
    }

    @Test("SPACING knows a case label from the statement it belongs to")
    func caseLabels() {
        // A case range continued on the next line is still a case label.
        #expect(findings(SpacingRule.self, " \tswitch (x) {\n+\tcase A ...\n+\t     B:\n+\t\tbreak;").isEmpty)
        // After a macro call without `;`, checkpatch takes `default:` for an ordinary colon.
        let afterMacro = findings(SpacingRule.self, " \t\tbreak;\n \tTYPE_LIST\n #undef TYPE\n+\tdefault:")
        #expect(afterMacro.map(\.message) == ["spaces required around that ':' (ctx:VxE)"])
        #expect(findings(SpacingRule.self, "+#define F(x) case x: return F_##x;").isEmpty)
        // Case labels inside a multi-line macro body.
        #expect(findings(SpacingRule.self, "+#define G(n)\t\\\n+\tswitch (n) {\t\\\n+\tcase 0:\t\\").isEmpty)
    }

    @Test("CODE_INDENT and LEADING_SPACE suggest the tabified line")
    func indentFix() {
        let code = findings(CodeIndentRule.self, "+        \treturn 0;")
        #expect(code.first?.suggestion == "\t\treturn 0;")
        let lead = findings(LeadingSpaceRule.self, "+    return 0;")
        #expect(lead.first?.suggestion == "    return 0;")
        #expect(tabifiedIndent("          x") == "\t  x")
    }

    @Test("EXPORTED_WORLD_WRITABLE: octal others-write is an error, a world-writable macro a warning")
    func worldWritable() {
        let octal = findings(ExportedWorldWritableRule.self, "+module_param(x, int, 0666);")
        #expect(octal.map(\.severity) == [.error])
        #expect(octal.first?.suggestion == "0664")
        let macro = findings(ExportedWorldWritableRule.self, "+\tdebugfs_create_file(\"x\", S_IWUGO, d, p, &f);")
        #expect(macro.map(\.severity) == [.warning])
        #expect(findings(ExportedWorldWritableRule.self, "+module_param(x, int, 0644);").isEmpty)
    }

    @Test("BRACES needs the whole statement inside the hunk")
    func bracesIncomplete() {
        #expect(findings(BracesRule.self, "+\tif (x) {\n+\t\tfoo();").isEmpty)
        #expect(findings(BracesRule.self, "+\tif (x) {\n+\t\tfoo();\n \t}").count == 1)
        // An else arm that needs braces allows them on the if arm.
        let chain = "+\tif (x) {\n+\t\tfoo();\n+\t} else {\n+\t\tbar();\n+\t\tbaz();\n+\t}"
        #expect(findings(BracesRule.self, chain).isEmpty)
        // Like checkpatch: no verdict on an if when the next statement runs past the hunk.
        #expect(findings(BracesRule.self, "+\tif (x) {\n+\t\tfoo();\n+\t}\n \tif (y) {\n \t\tbar();").isEmpty)
        #expect(findings(BracesRule.self, "+\tif (x) {\n+\t\tfoo();\n+\t}\n \tbar();\n }").count == 1)
    }

    @Test("SPDX_LICENSE_TAG only checks the tag line when the patch adds it")
    func spdxLineOne() {
        #expect(findings(SPDXLicenseTagRule.self, " #include <a.h>\n+#include <b.h>").isEmpty)
        let series = stylePatch("+#include <b.h>", start: 1)
        let found = ReviewEngine(rules: [SPDXLicenseTagRule.self]).review(series)
        #expect(found.map(\.message) == ["Missing or malformed SPDX-License-Identifier tag in line 1"])
    }

    @Test("POINTER_LOCATION names checkpatch's canonical spelling")
    func pointerMessage() {
        let found = findings(PointerLocationRule.self, "+\tstruct kvm_mmu_page* sp = NULL;")
        #expect(found.map(\.message) == ["\"foo* bar\" should be \"foo *bar\""])
    }
}
