import Testing
@testable import PatchLint

@Suite struct SemanticConditionParserTests {
    func parsed(_ text: String) throws -> ConditionExpression {
        try ConditionParser.parse(text).get()
    }

    func failure(_ text: String) -> String? {
        if case .failure(let f) = ConditionParser.parse(text) { return f.reason }
        return nil
    }

    @Test func memberChainsAndComparisons() throws {
        let e = try parsed("vcpu->arch.mmu->shadow_root_level > PT64_ROOT_4LEVEL")
        #expect(e == .binary(.greater, .member(["vcpu", "arch", "mmu", "shadow_root_level"]), .identifier("PT64_ROOT_4LEVEL")))
    }

    @Test func cPrecedence() throws {
        // && binds tighter than ||, comparisons tighter than &, & tighter than |.
        let e = try parsed("a || b && !c")
        #expect(e == .binary(.logicalOr, .identifier("a"), .binary(.logicalAnd, .identifier("b"), .not(.identifier("c")))))
        let f = try parsed("x & MASK == 0")
        #expect(f == .binary(.bitAnd, .identifier("x"), .binary(.equal, .identifier("MASK"), .integer(0))))
        let g = try parsed("(vcpu->arch.hflags & HF_SMM_MASK) | 0x1")
        #expect(g == .binary(.bitOr, .binary(.bitAnd, .member(["vcpu", "arch", "hflags"]), .identifier("HF_SMM_MASK")), .integer(1)))
    }

    @Test func callsAndLiterals() throws {
        #expect(try parsed("!READ_ONCE(enable_foo)") == .not(.call("READ_ONCE", [.identifier("enable_foo")])))
        #expect(try parsed("is_guest_mode(vcpu) && level >= 0x5UL") ==
                .binary(.logicalAnd, .call("is_guest_mode", [.identifier("vcpu")]),
                        .binary(.greaterOrEqual, .identifier("level"), .integer(5))))
        #expect(try parsed("x != 010") == .binary(.notEqual, .identifier("x"), .integer(8)))
        #expect(try parsed("kvm->arch.direct_mmu_enabled").text == "kvm.arch.direct_mmu_enabled")
        #expect(try parsed("__ret && !(kvm)->vm_bugged") ==
                .binary(.logicalAnd, .identifier("__ret"), .not(.member(["kvm", "vm_bugged"]))))
    }

    @Test func everythingElseIsNamedAsUnsupported() {
        #expect(failure("a + b")?.contains("'+'") == true)
        #expect(failure("a ? b : c")?.contains("?:") == true)
        #expect(failure("roots[i]")?.contains("subscript") == true)
        #expect(failure("(bool)x")?.contains("cast") == true)
        #expect(failure("x = 1")?.contains("assignment") == true)
        #expect(failure("x << 2")?.contains("shift") == true)
        #expect(failure("ops->get_level(vcpu)")?.contains("function pointer") == true)
        #expect(failure("a &&") != nil)
        #expect(failure("") != nil)
        #expect(failure("f(a, \"s\")")?.contains("string") == true)
    }

    @Test func hostileNestingIsRefusedNotRecursedInto() throws {
        let deep = String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        #expect(failure(deep)?.contains("nested deeper") == true)
        let nots = String(repeating: "!", count: 10_000) + "x"
        #expect(failure(nots)?.contains("nested deeper") == true)
        let ok = String(repeating: "(", count: 20) + "x" + String(repeating: ")", count: 20)
        #expect(try parsed(ok) == .identifier("x"))
    }
}
