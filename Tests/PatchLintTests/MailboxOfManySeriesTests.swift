import Testing
@testable import PatchLint

/// A list archive is one mailbox holding many series: subject numbers repeat (two
/// `[PATCH 1/2]`) and series are incomplete (a lone `[PATCH 2/3]`). Diagnostics must
/// still land on the mail whose line they are about, and series rules that index
/// patches must not trip over the numbering (found on the kvm-ppc archive: a crash in
/// the semantic review, which looked patches up by their subject number).
@Suite struct MailboxOfManySeriesTests {
    static func mail(id: String, subject: String, file: String, added: [String]) -> String {
        let body = added.map { "+" + $0 }.joined(separator: "\n")
        return """
        From \(id)@example.org Mon Sep 17 00:00:00 2001
        Message-Id: <\(id)@example.org>
        From: Ann Example <ann@example.org>
        Date: Wed, 1 Jan 2025 12:00:00 +0000
        Subject: \(subject)

        Body of \(id), long enough to be a real description of the change.

        Signed-off-by: Ann Example <ann@example.org>
        ---
        diff --git a/\(file) b/\(file)
        --- a/\(file)
        +++ b/\(file)
        @@ -10,2 +10,\(2 + added.count) @@
         int a;
        \(body)
         int b;

        """
    }

    static let archive = [
        mail(id: "lone", subject: "[PATCH 2/3] KVM: x86: Add a knob", file: "arch/x86/kvm/x86.c",
             added: ["static bool enable_knob = true;",
                     "module_param_named(knob, enable_knob, bool, 0644);"]),
        mail(id: "first", subject: "[PATCH 1/2] KVM: PPC: Tidy", file: "arch/powerpc/kvm/book3s.c",
             added: ["int tidy = 1; "]),
        mail(id: "second", subject: "[PATCH 1/2] KVM: s390: Knob", file: "arch/s390/kvm/kvm-s390.c",
             added: ["static int s390_knob;",
                     "module_param(s390_knob, int, S_IRUGO | S_IWUSR);"]),
    ].joined(separator: "\n")

    @Test func diagnosticsLandOnTheMailTheyAreAbout() throws {
        let series = try MailInput.readSeries(bytes: Array(Self.archive.utf8), sourceName: "archive.mbox")
        #expect(series.patches.map(\.position) == [1, 2, 3])
        // Subject numbers are kept for display; they repeat here.
        #expect(series.patches.map(\.index).sorted() == [1, 1, 2])

        let diagnostics = ReviewEngine(rules: RuleRegistry.all).review(series)
        func rules(in id: String) -> Set<String> {
            Set(diagnostics.filter { $0.patchID == "\(id)@example.org" }.map(\.ruleID))
        }
        for d in diagnostics {
            let patch = series.patches[d.patchIndex - 1]
            #expect(patch.id == d.patchID, "\(d.ruleID) points at \(d.patchID) but position \(d.patchIndex)")
            if let file = d.file { #expect(patch.files.contains { $0.path == file }, "\(d.ruleID) on \(file)") }
        }
        #expect(rules(in: "first").contains("TRAILING_WHITESPACE"))
        #expect(!rules(in: "lone").contains("TRAILING_WHITESPACE"))
        #expect(rules(in: "second").contains("SYMBOLIC_PERMS"))
        #expect(!rules(in: "first").contains("SYMBOLIC_PERMS"))
        // The lone 2/3's parameter is found in its own mail (position 1, number 2).
        #expect(SemanticReview.of(series).parameters.map(\.variable).sorted() == ["enable_knob", "s390_knob"])

        // The text report lists every diagnostic once, under its own mail.
        let text = TextReporter().render(ReviewReport(series: series, diagnostics: diagnostics))
        #expect(text.components(separatedBy: "TRAILING_WHITESPACE").count - 1
                == diagnostics.filter { $0.ruleID == "TRAILING_WHITESPACE" }.count)
    }
}
