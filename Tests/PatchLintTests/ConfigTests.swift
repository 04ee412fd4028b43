import Testing
@testable import PatchLint

@Suite("Configuration: .mmu-review.yml, rule selection, path globs")
struct ConfigTests {
    @Test("a full configuration file sets every option")
    func parseAll() throws {
        let config = try ProjectConfiguration.parse("""
            max_line_length: 80
            enable: [spacing, LONG_LINE]
            disable: LONG_LINE_STRING
            severity:
              SUBJECT_PREFIX: note
              BRACES: off
            include: ["arch/x86/kvm/**"]
            exclude: ["**/*.rst"]
            rules: [ci/rules, /abs/rules]
            """, baseDirectory: "/repo")
        #expect(config.maxLineLength == 80)
        #expect(config.enable == ["SPACING", "LONG_LINE"])
        #expect(config.disable == ["LONG_LINE_STRING", "BRACES"])
        #expect(config.severities == ["SUBJECT_PREFIX": .note])
        #expect(config.ruleDirectories == ["/repo/ci/rules", "/abs/rules"])
        let options = config.applied(to: ReviewOptions())
        #expect(options.maxLineLength == 80)
        #expect(options.severityOverrides["SUBJECT_PREFIX"] == .note)
        #expect(options.paths.includes("arch/x86/kvm/mmu/mmu.c"))
        #expect(!options.paths.includes("arch/x86/kvm/doc.rst"))
        #expect(!options.paths.includes("virt/kvm/kvm_main.c"))
    }

    @Test("mistakes in the file are errors that name the file and the key")
    func errors() {
        #expect(throws: InputError.self) { try ProjectConfiguration.parse("max_line_lenght: 80") }
        #expect(throws: InputError.self) { try ProjectConfiguration.parse("severity: {LONG_LINE: fatal}") }
        #expect(throws: InputError.self) { try ProjectConfiguration.parse("max_line_length: -3") }
        #expect(throws: InputError.self) { try ProjectConfiguration.parse("- just a list") }
        do {
            _ = try ProjectConfiguration.parse("bogus: 1", source: "/r/.mmu-review.yml")
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.message.hasPrefix("/r/.mmu-review.yml: unknown key 'bogus'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect((try? ProjectConfiguration.parse("")) == ProjectConfiguration())
    }

    @Test("--types and --ignore behave like checkpatch's")
    func selection() {
        var s = RuleSelection(ignore: ["long_line_string, SPACING"])
        #expect(!s.includes("SPACING"))
        #expect(!s.includes("LONG_LINE_STRING"))
        #expect(s.includes("LONG_LINE_COMMENT"))
        // Ignoring LONG_LINE silences its sub-types too.
        s.addIgnored(["LONG_LINE"])
        #expect(!s.includes("LONG_LINE_COMMENT"))
        // --types wins over --ignore, and a sub-type needs its parent type selected.
        let t = RuleSelection(types: ["SPACING", "LONG_LINE_COMMENT"], ignore: ["SPACING"])
        #expect(t.includes("SPACING"))
        #expect(!t.includes("LONG_LINE_COMMENT"))
        #expect(!t.includes("BRACES"))
        #expect(t.filter(RuleRegistry.all).map { $0.description.id } == ["SPACING"])
        #expect(RuleSelection(types: ["SPACNG"]).unknownIDs(known: ["SPACING"]) == ["SPACNG"])
    }

    @Test("path globs: * within a component, ** across, bare names anywhere, dir/ below")
    func globs() {
        #expect(PathGlob("arch/x86/kvm/*.c").matches("arch/x86/kvm/x86.c"))
        #expect(!PathGlob("arch/x86/kvm/*.c").matches("arch/x86/kvm/mmu/mmu.c"))
        #expect(PathGlob("arch/**/mmu.c").matches("arch/x86/kvm/mmu/mmu.c"))
        #expect(PathGlob("**/*.h").matches("include/linux/kvm_host.h"))
        #expect(PathGlob("*.h").matches("include/linux/kvm_host.h"))
        #expect(PathGlob("tools/").matches("tools/testing/selftests/kvm/x86/a.c"))
        #expect(PathGlob("kvm_[a-m]*.c").matches("virt/kvm/kvm_main.c"))
        #expect(!PathGlob("kvm_[!a-m]*.c").matches("virt/kvm/kvm_main.c"))
        #expect(PathGlob("include/linux/kvm?host.h").matches("include/linux/kvm_host.h"))
        // Hostile patterns stay cheap (memoised matcher).
        let hostile = PathGlob(String(repeating: "*a", count: 40) + "b")
        #expect(!hostile.matches(String(repeating: "a", count: 2_000)))
    }

    @Test("the engine does not review files outside include/exclude")
    func engineFilter() {
        let series = stylePatch("+\tif(x)", path: "tools/testing/selftests/kvm/x86/a.c")
        let excluded = ReviewOptions(paths: PathFilter(exclude: [PathGlob("tools/")]))
        #expect(ReviewEngine(rules: [SpacingRule.self], options: excluded).review(series).isEmpty)
        #expect(ReviewEngine(rules: [SpacingRule.self]).review(series).count == 1)
    }
}
