import Foundation
import Testing
@testable import PatchLint

/// Behaviour of the seed-review rules beyond their documented examples.
@Suite("Seed rules")
struct SeedRulesTests {
    func run(_ rule: any Rule.Type, _ example: RuleExample) -> [Diagnostic] {
        RuleExampleRunner.run(rule, on: example).diagnostics
    }

    // MARK: SYMBOLIC_PERMS

    static let octalOfMacro: [(String, String)] = [
        ("S_IRWXUGO", "0777"), ("S_IRUGO", "0444"), ("S_IWUGO", "0222"), ("S_IXUGO", "0111"),
        ("S_IRWXU", "0700"), ("S_IRUSR", "0400"), ("S_IWUSR", "0200"), ("S_IXUSR", "0100"),
        ("S_IRWXG", "0070"), ("S_IRGRP", "0040"), ("S_IWGRP", "0020"), ("S_IXGRP", "0010"),
        ("S_IRWXO", "0007"), ("S_IROTH", "0004"), ("S_IWOTH", "0002"), ("S_IXOTH", "0001"),
    ]

    @Test("each of the 16 permission macros gets its exact octal value", arguments: octalOfMacro)
    func everyMacro(macro: String, octal: String) {
        let found = run(SymbolicPermissionsRule.self, RuleExample("\tumode_t mode = \(macro);"))
        #expect(found.map(\.suggestion) == [octal])
    }

    @Test("combinations, also across lines, are one finding with the OR of the values")
    func combinations() {
        let split = run(SymbolicPermissionsRule.self, RuleExample("""
            module_param_named(foo, enable_foo, bool,
            \t\t   S_IRUSR | S_IWUSR |
            \t\t   S_IRGRP | S_IROTH);
            """))
        #expect(split.map(\.suggestion) == ["0644"])
        #expect(split.first?.line == 2)
        #expect(split.first?.message.contains("S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH") == true)
        #expect(split.first?.fixes.isEmpty == true)  // spread over lines: no automatic edit
        let two = run(SymbolicPermissionsRule.self, RuleExample("f(S_IRUGO, S_IWUSR | S_IXUGO);"))
        #expect(two.map(\.suggestion) == ["0444", "0311"])
        #expect(two.flatMap(\.fixes).map { TextEdit.apply([$0], to: $0.original) } == ["f(0444, S_IWUSR | S_IXUGO);", "f(S_IRUGO, 0311);"])
    }

    // MARK: NON_OCTAL_PERMISSIONS

    @Test("mode literals: exact octal where unambiguous, both readings where not")
    func modeVerdicts() {
        func verdict(_ text: String, _ callee: String = "module_param") -> (String, String?)? {
            NonOctalPermissionsRule.verdict(on: text, callee: callee)
        }
        #expect(verdict("644")?.1 == "0644")    // digits meant as octal; value 01204 is no mode
        #expect(verdict("438")?.1 == "0666")    // not octal digits: the value is the mode
        #expect(verdict("420").map { $0.1 == nil && $0.0.contains("0644") && $0.0.contains("0420") } == true)
        #expect(verdict("044")?.1 == "0044")
        #expect(verdict("00644")?.1 == "0644")
        #expect(verdict("0644") == nil)
        #expect(verdict("0") == nil)
        #expect(verdict("0", "debugfs_create_u32")?.1 == "0000")
        #expect(verdict("99999")?.1 == nil)
    }

    @Test("only the mode argument of the APIs that take one is checked")
    func modePositions() {
        #expect(PermissionArguments.modePosition(of: "module_param_array_named") == 5)
        #expect(PermissionArguments.modePosition(of: "debugfs_create_x64") == 2)
        #expect(PermissionArguments.modePosition(of: "debugfs_create_dir") == nil)
        #expect(PermissionArguments.modePosition(of: "IIO_DEV_ATTR_SAMP_FREQ") == 1)
        let found = run(NonOctalPermissionsRule.self, RuleExample("module_param_array(vals, int, &n, 666);"))
        #expect(found.map(\.suggestion) == ["0666"])
        #expect(found.flatMap(\.fixes).map { TextEdit.apply([$0], to: $0.original) } == ["module_param_array(vals, int, &n, 0666);"])
    }

    // MARK: MODULE_PARAM_NAMING

    @Test("the conventional name and variable")
    func conventionalNames() {
        #expect(ModuleParamNamingRule.conventional(name: "enable_direct_mmu", variable: "direct_mmu_enabled")! == ("direct_mmu", "enable_direct_mmu"))
        #expect(ModuleParamNamingRule.conventional(name: "ept", variable: "enable_ept") == nil)
        #expect(ModuleParamNamingRule.conventional(name: "npt", variable: "npt_enabled") == nil)
        #expect(ModuleParamNamingRule.conventional(name: "tdp_mmu_enabled", variable: "tdp_mmu")! == ("tdp_mmu", "enable_tdp_mmu"))
        #expect(ModuleParamNamingRule.conventional(name: "dump_invalid_vmcs", variable: "dump_invalid_vmcs") == nil)
    }

    @Test("a read-only mode is kept in the suggestion, a writable one becomes 0444")
    func namingSuggestionMode() {
        let readOnly = run(ModuleParamNamingRule.self, RuleExample("module_param_named(enable_x, x_enabled, bool, S_IRUGO);"))
        #expect(readOnly.map(\.suggestion) == ["module_param_named(x, enable_x, bool, 0444)"])
        let ownerOnly = run(ModuleParamNamingRule.self, RuleExample("module_param_named(enable_x, x_enabled, bool, 0400);"))
        #expect(ownerOnly.map(\.suggestion) == ["module_param_named(x, enable_x, bool, 0400)"])
    }

    // MARK: WRITABLE_MODULE_PARAM

    @Test("a writable parameter read live is fine; copied into a field it is not")
    func writableSnapshots() {
        let copied = run(WritableModuleParamRule.self, RuleExample("""
            static bool enable_x;
            module_param_named(x, enable_x, bool, 0200);

            static void x_work(struct kvm *kvm)
            {
            \tkvm->arch.x = enable_x;
            }
            """))
        #expect(copied.count == 1)
        #expect(copied.first?.line == 2)
        #expect(copied.first?.message.contains("copied into 'kvm->arch.x'") == true)
        let live = run(WritableModuleParamRule.self, RuleExample("""
            static bool enable_x;
            module_param_named(x, enable_x, bool, 0644);

            static void x_work(struct kvm *kvm)
            {
            \tif (enable_x)
            \t\tkvm->arch.x = 1;
            }
            """))
        #expect(live.isEmpty)
    }

    // MARK: USER_TRIGGERABLE_WARN

    @Test("the shipped knobs file parses and names what sets tdp_enabled")
    func knobs() throws {
        let knob = try #require(KVMKnobs.standard.knob(named: "tdp_enabled"))
        #expect(knob.setBy == ["kvm_intel.ept", "kvm_amd.npt"])
        let parsed = try KVMKnobs.parse("knobs:\n  - name: foo\n    set_by: [m.foo]\n    writable: true\n")
        #expect(parsed.knobs == [KVMKnobs.Knob(name: "foo", setBy: ["m.foo"], writable: true, note: nil)])
        #expect(throws: (any Error).self) { try KVMKnobs.parse("knobs: [ {name: 1, set_by: oops} ]") }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-rules-\(UUID())")
        #expect(try KVMKnobs.load(fromRulesDirectory: empty) == nil)
    }

    @Test("taint flows through assignments across the series")
    func taintAcrossPatches() {
        let example = RuleExample(series: [
            RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                RuleExample.File(path: "arch/x86/kvm/x86.c", diff: """
                    +static bool allow_x;
                    +module_param(allow_x, bool, 0444);
                    +static void setup(struct kvm *kvm)
                    +{
                    +\tkvm->arch.x_allowed = allow_x;
                    +}
                    """)]),
            RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: """
                     static void use(struct kvm *kvm)
                     {
                    +\tWARN_ON_ONCE(kvm->arch.x_allowed);
                     }
                    """, startLine: 50)]),
        ])
        let found = run(UserTriggerableWarnRule.self, example)
        #expect(found.map(\.patchIndex) == [2])
        #expect(found.first?.line == 52)
        #expect(found.first?.message.contains("'kvm->arch.x_allowed', assigned at arch/x86/kvm/x86.c:5") == true)
    }

    @Test("an enclosing if on a parameter, and a parameter declared in context, count")
    func enclosingConditionAndContextParameter() {
        let found = run(UserTriggerableWarnRule.self, RuleExample(diff: """
             static bool allow_y;
             module_param(allow_y, bool, 0444);
             static void f(struct kvm *kvm)
             {
            +\tif (allow_y) {
            +\t\tWARN_ON(kvm->arch.busy);
            +\t}
             }
            """))
        #expect(found.map(\.line) == [6])
        #expect(found.first?.message.contains("'if (allow_y) {'") == true)
        #expect(found.first?.message.contains("module parameter 'allow_y'") == true)
    }

    @Test("a WARN the patch only keeps as context is not reported")
    func contextWarn() {
        let found = run(UserTriggerableWarnRule.self, RuleExample(diff: """
             \tWARN_ON(!tdp_enabled);
            +\tfoo();
            """))
        #expect(found.isEmpty)
    }

    // MARK: INTRODUCED_BEFORE_USE

    @Test("the message names the first read later in the series")
    func firstReadLater() throws {
        let example = try #require(IntroducedBeforeUseRule.description.triggeringExamples
            .first { $0.commits.count == 2 })
        let found = run(IntroducedBeforeUseRule.self, example)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("first read in patch 2/2 at arch/x86/kvm/mmu/mmu.c:202") == true)
        #expect(found.first?.message.contains("only written (arch/x86/kvm/mmu/mmu.c:102)") == true)
    }

    @Test("a read in an earlier patch is named as a read before the declaration exists")
    func readBeforeDeclared() {
        let example = RuleExample(series: [
            RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                RuleExample.File(path: "arch/x86/kvm/x86.c", diff: """
                     static void f(struct kvm *kvm)
                     {
                    +\tif (kvm->arch.early_flag)
                    +\t\treturn;
                     }
                    """, startLine: 30)]),
            RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                RuleExample.File(path: "arch/x86/include/asm/kvm_host.h", diff: """
                     struct kvm_arch {
                    +\tbool early_flag;
                     };
                    """, startLine: 5)]),
        ])
        let found = run(IntroducedBeforeUseRule.self, example)
        #expect(found.map(\.patchIndex) == [2])
        #expect(found.first?.message.contains("read earlier, in patch 1/2 at arch/x86/kvm/x86.c:32, before this patch adds it") == true)
    }

    @Test("reads and writes: compound assignment writes, address-of and sizeof read")
    func readsAndWrites() {
        func flagged(_ use: String) -> Bool {
            !run(IntroducedBeforeUseRule.self, RuleExample(diff: """
                 struct kvm_arch {
                +\tunsigned long counter;
                 };
                 static void f(struct kvm *kvm)
                 {
                +\t\(use);
                 }
                """)).isEmpty
        }
        #expect(flagged("kvm->arch.counter += 1"))
        #expect(flagged("kvm->arch.counter++"))
        #expect(flagged("kvm->arch.counter = 0"))
        #expect(!flagged("g(&kvm->arch.counter)"))
        #expect(!flagged("n = sizeof(kvm->arch.counter)"))
        #expect(!flagged("n = kvm->arch.counter"))
        // A local or global of the same name is not the member.
        #expect(flagged("n = counter"))
    }

    // MARK: AVOID_BUG

    @Test("which *BUG* macros crash the kernel")
    func crashingBugs() {
        for name in ["BUG", "BUG_ON", "VM_BUG_ON", "VM_BUG_ON_PAGE", "BUG_ON_PAGE"] {
            #expect(AvoidBugRule.isCrashingBug(name), "\(name)")
        }
        for name in ["BUILD_BUG_ON", "BUILD_BUG", "BUILD_BUG_ON_ZERO", "KVM_BUG_ON", "KVM_BUG",
                     "X86_BUG", "BUG_ON_INVALID", "QEMU_BUILD_BUG_ON", "is_bug", "DEBUG", "BUGGY"] {
            #expect(!AvoidBugRule.isCrashingBug(name), "\(name)")
        }
    }

    // MARK: CODE_MOVEMENT and moved lines

    static let movedBlockWithTrailingSpace = """
         int keep;
        +static void moved(void)\u{20}
        +{
        +\tdo_the_thing(1, 2, 3);
        +}
         int middle;
         int more;
        -static void moved(void)
        -{
        -\tdo_the_thing(1, 2, 3);
        -}
         int tail;
        """

    @Test("moved lines are exempt from line rules; the same lines added fresh are not")
    func movedLinesExempt() {
        let moved = RuleExample(diff: Self.movedBlockWithTrailingSpace)
        #expect(run(TrailingWhitespaceRule.self, moved).isEmpty)
        #expect(run(CodeMovementRule.self, moved).map(\.line) == [2])
        let fresh = RuleExample(diff: Self.movedBlockWithTrailingSpace
            .split(separator: "\n").filter { !$0.hasPrefix("-") }.joined(separator: "\n"))
        #expect(run(TrailingWhitespaceRule.self, fresh).map(\.line) == [2])
        #expect(run(CodeMovementRule.self, fresh).isEmpty)
    }

    @Test("a move across files names the file it came from")
    func crossFileMove() throws {
        let example = RuleExample(series: [RuleExample.Commit(message: RuleExample.defaultMessage, files: [
            RuleExample.File(path: "arch/x86/kvm/mmu.c", diff: """
                 int a;
                -#define PT_LEVEL_BITS\t9
                -#define PT_ENTRIES\t(1 << PT_LEVEL_BITS)
                -#define PT_INDEX(a, l)\t(((a) >> PT_SHIFT(l)) & (PT_ENTRIES - 1))
                 int b;
                """, startLine: 10),
            RuleExample.File(path: "arch/x86/kvm/mmu.h", diff: """
                 int c;
                +#define PT_LEVEL_BITS 9
                +#define PT_ENTRIES (1 << PT_LEVEL_BITS)
                +#define PT_INDEX(a, l) \\
                +\t(((a) >> PT_SHIFT(l)) & (PT_ENTRIES - 1))
                 int d;
                """, startLine: 3),
        ])])
        let found = run(CodeMovementRule.self, example)
        #expect(found.count == 1)
        #expect(found.first?.file == "arch/x86/kvm/mmu.h")
        #expect(found.first?.line == 4)
        #expect(found.first?.message.contains("arch/x86/kvm/mmu.c:11-13") == true)
        let (series, _) = RuleExampleRunner.series(for: example)
        let marked = MoveDetector.markingMovedLines(in: series.patches[0])
        #expect(marked.files[1].hunks[0].lines.filter(\.moved).count == 4)
    }

    @Test("thousands of identical moved lines are one block")
    func identicalLines() {
        let body = Array(repeating: "\tfoo(a, b, c, d);", count: 3000)
        let diff = (body.map { "+" + $0 } + [" int middle;"] + body.map { "-" + $0 }).joined(separator: "\n")
        let found = run(CodeMovementRule.self, RuleExample(diff: diff))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("(3000 lines)") == true)
    }

    @Test("two lines or a few braces are not a move")
    func smallBlocks() {
        #expect(run(CodeMovementRule.self, RuleExample(diff: """
            +\tfoo(a, b, c, d, e, f, g, h);
            +\tbar(a, b, c, d, e, f, g, h);
             int x;
            -\tfoo(a, b, c, d, e, f, g, h);
            -\tbar(a, b, c, d, e, f, g, h);
            """)).isEmpty)
        #expect(run(CodeMovementRule.self, RuleExample(diff: """
            +\t}
            +\treturn 0;
            +}
             int x;
            -\t}
            -\treturn 0;
            -}
            """)).isEmpty)
    }

    // MARK: NAME_COLLISION

    @Test("the note names the family, the reused word and the existing concept")
    func collisionMessage() throws {
        let example = try #require(NameCollisionRule.description.triggeringExamples.first)
        let found = run(NameCollisionRule.self, example)
        #expect(found.count == 1)
        let message = try #require(found.first?.message)
        #expect(message.contains("'fast_mmu'"))
        #expect(message.contains("reuse 'fast'"))
        #expect(message.contains("'fast_map'"))
        #expect(message.contains("`mmu->fast_map`"))
    }
}
