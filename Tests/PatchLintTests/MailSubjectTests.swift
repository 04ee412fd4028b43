import Testing
@testable import PatchLint

@Suite("Mail subject tags")
struct MailSubjectTests {
    @Test("[RFC PATCH v2 03/28]: version, position, tags")
    func rfcV2() {
        let s = MailSubject.parse("[RFC PATCH v2 03/28] KVM: x86/mmu: Init the direct MMU")
        #expect(s.text == "KVM: x86/mmu: Init the direct MMU")
        #expect(s.hasPatchTag && !s.isReply && !s.isCoverLetter)
        #expect(s.version == 2 && s.index == 3 && s.total == 28)
        #expect(s.tags == ["RFC"])
    }

    @Test("[PATCH net-next 1/3], [PATCH v3], [PATCH], [PATCHv4 2/2]")
    func variants() {
        let netNext = MailSubject.parse("[PATCH net-next 1/3] net: x")
        #expect(netNext.tags == ["net-next"] && netNext.index == 1 && netNext.total == 3 && netNext.version == nil)
        let v3 = MailSubject.parse("[PATCH v3] KVM: y")
        #expect(v3.version == 3 && v3.index == nil && v3.total == nil && v3.text == "KVM: y")
        let plain = MailSubject.parse("[PATCH] KVM: z")
        #expect(plain.hasPatchTag && plain.version == nil && plain.tags.isEmpty && plain.text == "KVM: z")
        let glued = MailSubject.parse("[PATCHv4 2/2] w")
        #expect(glued.hasPatchTag && glued.version == 4 && glued.index == 2 && glued.total == 2)
        let twoGroups = MailSubject.parse("[kvm-unit-tests] [PATCH RESEND] v")
        #expect(twoGroups.tags == ["kvm-unit-tests", "RESEND"] && twoGroups.text == "v")
    }

    @Test("[PATCH 0/3] and [PATCH v2 00/28] are cover letters")
    func coverLetters() {
        #expect(MailSubject.parse("[PATCH 0/3] KVM: a series").isCoverLetter)
        let v2 = MailSubject.parse("[PATCH v2 00/28] KVM: a series")
        #expect(v2.isCoverLetter && v2.version == 2 && v2.total == 28)
        #expect(!MailSubject.parse("[PATCH 1/3] KVM: a patch").isCoverLetter)
    }

    @Test("Re:, RE:, Fwd: prefixes mark replies and are removed")
    func replies() {
        let re = MailSubject.parse("Re: [PATCH v4 4/8] KVM: PPC: thing")
        #expect(re.isReply && re.text == "KVM: PPC: thing" && re.index == 4 && re.version == 4)
        let nested = MailSubject.parse("RE: Fwd: re : [PATCH] x")
        #expect(nested.isReply && nested.text == "x")
        let notReply = MailSubject.parse("Revert \"KVM: x\"")
        #expect(!notReply.isReply && notReply.text == "Revert \"KVM: x\"")
    }

    @Test("subjects without tags, and brackets that are part of the subject")
    func noTags() {
        let s = MailSubject.parse("KVM: x86: fix [sic] spelling")
        #expect(s.text == "KVM: x86: fix [sic] spelling" && !s.hasPatchTag && s.tags.isEmpty)
        #expect(MailSubject.parse("   ").text == "")
        #expect(MailSubject.parse("[unterminated").text == "[unterminated")
    }
}
