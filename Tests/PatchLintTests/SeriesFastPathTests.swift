import Testing
@testable import PatchLint

/// The series rules' shortcuts give what the full computations give.
@Suite("Series fast paths")
struct SeriesFastPathTests {
    static func patch(_ body: [(DiffLine.Kind, String)], section: String = "", path: String = "a.c",
                      index: Int = 1) -> Patch {
        let hunk = Hunk(oldStart: 1, newStart: 1, section: section, body: body)
        return Patch(origin: .commit, id: "p\(index)", subject: "s", index: index,
                     files: [FileDiff(oldPath: path, newPath: path, status: .modified, hunks: [hunk])])
    }

    /// Patches whose pre-images hide or show names in ways a byte search could get wrong:
    /// names in comments opened on a removed line, in strings, as parts of longer names.
    static let patches: [Patch] = [
        patch([(.context, "struct kvm_arch {"), (.context, "\tint old_field;"), (.removed, "\tint gone;"),
               (.added, "\tbool pure_tdp;"), (.added, "\tint old_field;"), (.context, "};")]),
        patch([(.removed, "/* static int helper_count; starts here"), (.context, "static int shown;"),
               (.removed, "*/"), (.added, "static int helper_count;"), (.added, "static int shown_too;"),
               (.added, "#define FOO_BAR\t1"), (.context, "int f(void)"), (.context, "{"),
               (.context, "\treturn shown + \"shown_too\"[0];"), (.context, "}")]),
        patch([(.context, "static int counter_extra;"), (.added, "static int counter;"),
               (.added, "static int counter_extra2 = 3;"), (.removed, "static int counter_old;")]),
        patch([(.added, "static void helper_for_later(struct kvm *kvm)"), (.added, "{"),
               (.added, "\tunused++;"), (.added, "}"), (.context, "/* helper_for_later */")]),
    ]

    @Test("find with the pre-image read hunk by hunk equals find with all pre-image views")
    func findAgrees() {
        for patch in Self.patches {
            let views = CodeView.build(patch, .new)
            let full = NewDeclarations.find(in: views, oldViews: CodeView.build(patch, .old))
            let fast = NewDeclarations.find(in: views, of: patch)
            #expect(fast.map(\.name) == full.map(\.name))
            #expect(fast.map(\.token) == full.map(\.token))
            #expect(fast.map(\.kind) == full.map(\.kind))
        }
        // The examples do declare things, some hidden by the pre-image.
        let names = Self.patches.flatMap { NewDeclarations.find(in: CodeView.build($0, .new), of: $0) }.map(\.name)
        #expect(names.contains("pure_tdp"))
        #expect(!names.contains("old_field"))
        #expect(names.contains("counter"))
    }

    @Test("existing names among candidates are the full set of existing names cut to them")
    func existingAmongAgrees() {
        for patch in Self.patches {
            let views = CodeView.build(patch, .new), old = CodeView.build(patch, .old)
            let all = NewDeclarations.existingNames(views: views, oldViews: old)
            let candidates: Set<String> = ["old_field", "gone", "helper_count", "shown", "shown_too",
                                           "counter", "counter_extra", "helper_for_later", "nowhere", "x"]
            #expect(NewDeclarations.existingNames(among: candidates, views: views, oldViews: old)
                == all.intersection(candidates))
            let preImage = old.reduce(into: Set<String>()) { set, view in
                for t in view.tokens where t.kind == .identifier { set.insert(t.text) }
            }
            #expect(PreImageNames.identifiers(among: candidates, in: patch) == preImage.intersection(candidates))
        }
    }

    @Test("a name only inside a comment the pre-image opens is not an identifier there")
    func commentedPreImage() {
        let patch = Self.patches[1]
        // The text spells helper_count on a removed line, but the lexer sees a comment;
        // `shown` is commented out there too, but read on a later context line.
        #expect(PreImageNames.identifiers(among: ["helper_count", "shown"], in: patch) == ["shown"])
        #expect(PreImageNames.identifiers(among: ["helper_count"], in: patch) == [])
        #expect(PreImageNames.identifiers(among: ["old_field"], in: Self.patches[0]) == ["old_field"])
    }

    @Test("byte search finds exactly the substrings")
    func byteSearch() {
        let cases: [(String, String)] = [("abcabd", "abd"), ("abc", "abcd"), ("", "a"), ("aaa", "aa"),
                                         ("x/include/uapi/y", "/include/uapi/"), ("é_name", "name"),
                                         ("ab", "")]
        for (text, needle) in cases {
            let found = ASCIIBytes.withBytes(text) { PreImageNames.contains($0, Array(needle.utf8)) }
            let expected = needle.isEmpty || text.utf8.indices.contains { i in
                text.utf8[i...].starts(with: needle.utf8)
            }
            #expect(found == expected, "\(text) / \(needle)")
        }
        #expect(IntroducedBeforeUseRule.containsUAPIDirectory("arch/x86/include/uapi/asm/kvm.h"))
        #expect(!IntroducedBeforeUseRule.containsUAPIDirectory("arch/x86/include/asm/kvm.h"))
        #expect(IntroducedBeforeUseRule.containsUAPIDirectory("é/include/uapi/x.h"))
    }

    @Test("the BUG prefilter never rejects a name with a BUG word")
    func bugPrefilter() {
        let names = ["BUG", "BUG_ON", "VM_BUG_ON", "BUG_ON_PAGE", "X86_BUG", "BUILD_BUG_ON", "KVM_BUG_ON",
                     "DEBUG_ON", "BUGGY", "warn", "xBUG", "BUƓ", "B_U_G", "É_BUG_ON", ""]
        for name in names {
            let hasWord = name.split(separator: "_", omittingEmptySubsequences: false).contains("BUG")
            if hasWord { #expect(AvoidBugRule.containsBUG(name), "\(name)") }
            #expect(AvoidBugRule.containsBUG(name) == name.utf8.elementsEqual("BUG".utf8)
                || (0..<max(0, name.utf8.count - 2)).contains { i in
                    Array(name.utf8)[i..<(i + 3)].elementsEqual("BUG".utf8)
                }, "\(name)")
        }
        #expect(AvoidBugRule.isCrashingBug("VM_BUG_ON"))
        #expect(!AvoidBugRule.isCrashingBug("DEBUG_ON"))
    }

    @Test("statements without a new WARN call are exactly those the WARN scan skips")
    func warnPrefilter() {
        let patch = Self.patch([
            (.context, "{"), (.context, "\tWARN_ON(a);"), (.added, "\tif (WARN_ON_ONCE(b))"),
            (.added, "\t\treturn;"), (.added, "\tWARNING(c);"), (.added, "\tx = WARN_ONCE (d, \"e\");"),
            (.added, "\tpr_warn(\"WARN_ON(f)\");"), (.added, "\tWARN_ON;"), (.added, "\tWARN_TAINT(1, 2, \"x\");"),
            (.context, "}"),
        ], section: "int f(void)")
        let view = CodeView.build(patch, .new)[0]
        var kept = 0
        for statement in view.statements {
            let full = CCallFinder.calls(in: view.tokens, range: statement.range)
                .contains { UserTriggerableWarnRule.isWarn($0.name) && view.isNew($0.nameIndex) }
            #expect(UserTriggerableWarnRule.hasNewWarnCall(statement, in: view) == full)
            if full { kept += 1 }
        }
        #expect(kept == 3)
    }

    @Test("a right-hand side that mayRead rejects gets no reason whatever is tainted")
    func mayReadIsSafe() {
        let patch = Self.patch([(.added, "\ta = x + f(y) + p->y + q.z;")], section: "int g(void)")
        let view = CodeView.build(patch, .new)[0]
        let assignment = CExpressions.assignments(in: view.tokens, range: view.statements[0].range)[0]
        let lookups = UserTriggerableWarnRule.Taint.lookups(assignment.rhs, in: view.tokens)
        for name in ["x", "y", "z", "f", "p", "q", "w"] {
            var taint = UserTriggerableWarnRule.Taint()
            taint.globals[name] = "g"
            taint.members[".\(name)"] = "m"
            taint.members["p.\(name)"] = "m"
            taint.members["q.\(name)"] = "m"
            taint.locals["a.c#g", default: [:]][name] = "l"
            taint.fileGlobals["a.c", default: [:]][name] = "fg"
            let found = taint.reason(assignment.rhs, in: view.tokens, scope: "a.c#g", path: "a.c")
            if !UserTriggerableWarnRule.mayRead(NameFilter([name]), lookups) {
                #expect(found == nil, "\(name)")
            }
        }
        #expect(!UserTriggerableWarnRule.mayRead(NameFilter(["f", "w"]), lookups))
        #expect(UserTriggerableWarnRule.mayRead(NameFilter(["z"]), lookups))
    }

    @Test("taint still follows chains of assignments across patches and functions")
    func taintChains() {
        let first = Self.patch([
            (.added, "static bool enable_foo;"), (.added, "module_param(enable_foo, bool, 0444);"),
            (.added, "static void setup(struct kvm *kvm)"), (.added, "{"),
            (.added, "\tint local = other + 1;"), (.added, "\tkvm->arch.mid = helper;"),
            (.added, "\thelper = local;"), (.added, "\tlocal = enable_foo;"), (.added, "}"),
        ], index: 1)
        let second = Self.patch([
            (.added, "static void use(struct kvm *kvm)"), (.added, "{"),
            (.added, "\tkvm->arch.last = kvm->arch.mid;"), (.added, "\tunrelated = 3;"), (.added, "}"),
        ], index: 2)
        let code = SeriesCode(Series(patches: [first, second]))
        let taint = UserTriggerableWarnRule.taint(code, knobs: KVMKnobs(knobs: []))
        #expect(taint.globals["enable_foo"] != nil)
        #expect(taint.locals["a.c#setup"]?["local"] != nil)
        // helper is assigned from local before local is tainted: a later round finds it.
        #expect(taint.locals["a.c#setup"]?["helper"] != nil)
        #expect(taint.members["arch.mid"] != nil)
        #expect(taint.members["arch.last"] != nil)
        #expect(taint.locals["a.c#use"]?["unrelated"] == nil)
    }

    @Test("statements mayAssign rejects have no assignment with a right-hand side")
    func assignmentPrefilter() {
        #expect(CExpressions.assignmentOperators.allSatisfy { $0.hasSuffix("=") })
        let patch = Self.patch([
            (.added, "\ta = 1;"), (.added, "\tb += c;"), (.added, "\tif (a == b)"), (.added, "\t\tx++;"),
            (.added, "\t--y;"), (.added, "\tf(a <= b, c >>= 2);"), (.added, "\tg(\"s = 1\");"),
            (.added, "\tp->q <<= 1;"), (.added, "\treturn a != b;"),
        ], section: "int h(void)")
        let view = CodeView.build(patch, .new)[0]
        var rejected = 0
        for statement in view.statements where !UserTriggerableWarnRule.mayAssign(view.tokens, statement.range) {
            rejected += 1
            #expect(CExpressions.assignments(in: view.tokens, range: statement.range).allSatisfy { $0.rhs.isEmpty })
        }
        #expect(rejected >= 2)  // `--y;` and the call with `=` only in a string
    }

    @Test("changed identifiers among names are the full index cut to those names")
    func changedIdentifiersAgree() {
        for patch in Self.patches {
            let code = SeriesCode.PatchCode(patch: patch, views: CodeView.build(patch, .new))
            var full: [String: [[Int]]] = [:]
            for (v, view) in code.views.enumerated() {
                for (s, statement) in view.statements.enumerated() {
                    for i in statement.range where view.tokens[i].kind == .identifier && view.isChanged(i) {
                        full[view.tokens[i].text, default: []].append([v, i, s])
                    }
                }
            }
            let names: Set<String> = ["pure_tdp", "old_field", "counter", "shown_too", "unused", "absent", "int"]
            let cut = code.changedIdentifiers(among: names).mapValues { $0.map { [$0.view, $0.token, $0.statement] } }
            #expect(cut == full.filter { names.contains($0.key) })
            #expect(code.changedIdentifiers(named: "int").map { [$0.view, $0.token, $0.statement] } == full["int"] ?? [])
        }
        #expect(NameFilter(["ab", "abc"]).contains("abc"))
        #expect(!NameFilter(["ab", "abc"]).contains("abd"))
        #expect(!NameFilter([]).contains(""))
        // Canonically equal spellings with other bytes (KELVIN SIGN vs K) still match,
        // as they do in a Set.
        #expect(NameFilter(["Kvm"]).contains("\u{212A}vm") == Set(["Kvm"]).contains("\u{212A}vm"))
        #expect(NameFilter(["\u{212A}vm"]).contains("Kvm") == Set(["\u{212A}vm"]).contains("Kvm"))
        var grown = NameFilter()
        let first = grown.insert("a_b"), second = grown.insert("a_b")
        #expect(first && !second)
        #expect(grown.contains("a_b") && !grown.contains("a_c") && !grown.contains("ab"))
    }
}
