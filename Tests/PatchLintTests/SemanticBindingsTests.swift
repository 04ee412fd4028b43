import Testing
@testable import PatchLint

@Suite struct SemanticBindingsTests {
    @Test func theShippedFileLoadsAndIsFoundByTheLocator() throws {
        let directory = try #require(RulesLocator.directory(containing: ModelBindings.fileName))
        let bindings = try ModelBindings.load(from: directory)
        #expect(bindings.constants["PT64_ROOT_4LEVEL"] == 4)
        #expect(bindings.constants["PT64_ROOT_5LEVEL"] == 5)
        #expect(bindings.constants["KVM_ADDRESS_SPACE_NUM"] == 2)
        #expect(bindings.events["mmu_alloc_direct_roots"] == .rootLoad)
        #expect(bindings.module(ofPath: "arch/x86/kvm/vmx/vmx.c") == "kvm_intel")
        #expect(bindings.module(ofPath: "arch/x86/kvm/mmu.c") == "kvm")
    }

    @Test func badFilesAreRejectedWithTheReason() {
        #expect(throws: ModelBindings.LoadError.self) {
            try ModelBindings.parse("variables:\n  - global: x\n    model: host.nonsense\n")
        }
        #expect(throws: ModelBindings.LoadError.self) {
            try ModelBindings.parse("variables:\n  - global: x\n    member: y\n    model: host.tdp\n")
        }
        #expect(throws: ModelBindings.LoadError.self) {
            try ModelBindings.parse("events:\n  sometime: [f]\n")
        }
    }

    @Test func memberSuffixesMatchWholeNames() throws {
        let bindings = try ModelBindings.parse("variables:\n  - member: arch.hflags\n    model: vcpu.hflags\nconstants:\n  HF_SMM_MASK: 64\n")
        let binder = ConditionBinder(bindings: bindings, parameters: [])
        #expect((try? ConditionParser.parse("vcpu->arch.hflags & HF_SMM_MASK").flatMap(binder.bind).get()) != nil)
        #expect((try? ConditionParser.parse("vcpu->xarch.hflags").flatMap(binder.bind).get()) == nil)
        #expect((try? ConditionParser.parse("hflags").flatMap(binder.bind).get()) == nil)
    }
}
