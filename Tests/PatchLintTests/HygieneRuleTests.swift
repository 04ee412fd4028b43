import Testing
@testable import PatchLint

private func commit(_ message: String, id: String = String(repeating: "c", count: 40),
                    files: [FileDiff]? = nil) -> Patch {
    let (subject, body) = CommitMessage.split(message)
    let file = FileDiff(oldPath: "arch/x86/kvm/mmu/mmu.c", newPath: "arch/x86/kvm/mmu/mmu.c", status: .modified,
                        hunks: [Hunk(oldStart: 1, newStart: 1, body: [(.added, "int x;")])])
    return Patch(origin: .commit, id: id, author: Person(name: "A", email: "a@example.org"),
                 subject: subject, body: body, files: files ?? [file])
}

private func run(_ rule: any Rule.Type, _ patches: [Patch], history: (any HistoryProvider)? = nil,
                 options: ReviewOptions = ReviewOptions(), cover: Series.CoverLetter? = nil) -> [Diagnostic] {
    var engine = ReviewEngine(rules: [rule], options: options)
    engine.context.history = history
    return engine.review(Series(patches: patches, coverLetter: cover))
}

private func history(_ subjects: [String], path: String = "arch/x86/kvm/mmu/mmu.c") -> InMemoryHistory {
    InMemoryHistory(commits: subjects.enumerated().map { i, s in
        InMemoryHistory.Commit(id: "h\(i)", subject: s, paths: [path])
    })
}

@Suite("Commit and series hygiene rules")
struct HygieneRuleTests {
    @Test("subject prefixes: segments of one word, or capitalised multi-word tokens")
    func prefixParsing() {
        #expect(SubjectPrefix.of("KVM: x86/mmu: Zap only leaf SPTEs") == "KVM: x86/mmu:")
        #expect(SubjectPrefix.of("KVM: PPC: Book3S HV: Fix the thing") == "KVM: PPC: Book3S HV:")
        #expect(SubjectPrefix.of("KVM: x86: Fix foo: bar is wrong") == "KVM: x86:")
        #expect(SubjectPrefix.of("Fix the thing") == nil)
        #expect(SubjectPrefix.of("KVM:") == nil)
    }

    @Test("SUBJECT_PREFIX suggests the prefix the history of the touched files uses")
    func learnsPrefix() {
        let h = history(["KVM: x86/mmu: A", "KVM: x86/mmu: B", "KVM: x86: C", "KVM: x86/mmu: D", "KVM: x86/mmu: E"])
        let found = run(SubjectPrefixRule.self, [commit("kvm: mmu: Zap roots\n\nWhy.")], history: h)
        #expect(found.count == 1)
        #expect(found.first?.suggestion == "KVM: x86/mmu: Zap roots")
        #expect(found.first?.message.contains("4 of the last 5") == true)
        // The usual prefix, and one used by at least a quarter of the history, are fine.
        #expect(run(SubjectPrefixRule.self, [commit("KVM: x86/mmu: Zap roots\n\nWhy.")], history: h).isEmpty)
        let split = history(["KVM: x86/mmu: A", "KVM: x86: B", "KVM: x86/mmu: C", "KVM: x86: D"])
        #expect(run(SubjectPrefixRule.self, [commit("KVM: x86: Zap\n\nWhy.")], history: split).isEmpty)
    }

    @Test("SUBJECT_PREFIX is silent without history, with too little of it, or for other paths")
    func silentWithoutHistory() {
        let patch = commit("kvm: mmu: Zap roots\n\nWhy.")
        #expect(run(SubjectPrefixRule.self, [patch]).isEmpty)
        #expect(run(SubjectPrefixRule.self, [patch], history: history(["KVM: x86/mmu: A", "KVM: x86/mmu: B"])).isEmpty)
        let elsewhere = history(["KVM: x86/mmu: A", "KVM: x86/mmu: B", "KVM: x86/mmu: C"], path: "virt/kvm/kvm_main.c")
        #expect(run(SubjectPrefixRule.self, [patch], history: elsewhere).isEmpty)
    }

    @Test("the in-memory history only searches the ancestors of the commit under review")
    func historyBefore() {
        let h = InMemoryHistory(commits: [
            .init(id: "new", subject: "x: one", paths: ["a.c"]),
            .init(id: "mid", subject: "y: two", paths: ["a.c"]),
            .init(id: "old", subject: "z: three", paths: ["b.c"]),
        ])
        #expect(h.subjects(touching: ["a.c"], before: "new", limit: 10) == ["y: two"])
        #expect(h.subjects(touching: ["a.c", "b.c"], before: nil, limit: 2) == ["x: one", "y: two"])
    }

    @Test("BAD_SIGN_OFF names each problem like checkpatch")
    func badSignOff() {
        let patch = commit("""
            KVM: x86: Thing

            Why.

            Signed-of-by: A <a@example.org>
             Reviewed-by: B <b@example.org>
            Acked-by:  C <c@example.org>
            Tested-by: D d-at-example
            Signed-off-by: A <a@example.org>
            signed-off-by: A <a@example.org>
            """)
        let messages = run(BadSignOffRule.self, [patch]).map(\.message)
        #expect(messages.contains("Non-standard signature: 'Signed-of-by:' - perhaps 'Signed-off-by:'?"))
        #expect(messages.contains("Do not use whitespace before Reviewed-by:"))
        #expect(messages.contains("Use a single space after Acked-by:"))
        #expect(messages.contains("Unrecognized email address: 'D d-at-example'"))
        #expect(messages.contains("'Signed-off-by:' is the preferred signature form"))
        #expect(messages.contains("Duplicate signature"))
    }

    @Test("SERIES_NUMBERING checks the cover letter's N and mixed versions")
    func seriesNumbering() {
        func mail(_ k: Int, _ n: Int, version: Int = 1) -> Patch {
            Patch(origin: .mail, id: "<\(k)@x>", subject: "KVM: x86: Part \(k)", index: k, total: n, version: version)
        }
        let cover = Series.CoverLetter(id: "<0@x>", subject: "KVM: x86: Series", body: "", total: 3)
        let messages = run(SeriesNumberingRule.self, [mail(1, 2), mail(2, 2, version: 2)], cover: cover).map(\.message)
        #expect(messages.contains("Cover letter announces 3 patches, the series has N = 2"))
        #expect(messages.contains("Series mixes versions v1, v2"))
        #expect(run(SeriesNumberingRule.self, [mail(1, 2), mail(2, 2)]).isEmpty)
    }

    @Test("COMMIT_MESSAGE: one line is enough below the threshold, not above it")
    func commitMessageThreshold() {
        let lines = (0..<18).map { (DiffLine.Kind.added, "int x\($0);") }
        let file = FileDiff(oldPath: "a.c", newPath: "a.c", status: .modified,
                            hunks: [Hunk(oldStart: 1, newStart: 1, body: lines)])
        let patch = commit("KVM: x86: Thing\n\nOne line.\n\nSigned-off-by: A <a@example.org>", files: [file])
        #expect(run(CommitMessageRule.self, [patch]).isEmpty)
        let strict = ReviewOptions(trivialChangeLines: 5)
        #expect(run(CommitMessageRule.self, [patch], options: strict).count == 1)
        let bare = commit("KVM: x86: Thing\n\nSigned-off-by: A <a@example.org>", files: [file])
        #expect(run(CommitMessageRule.self, [bare]).isEmpty)
        #expect(run(CommitMessageRule.self, [bare], options: strict).map(\.message)
                == ["Missing commit description - Add an appropriate one"])
    }

    @Test("COMMIT_LOG_LONG_LINE is reported once per commit")
    func commitLogOnce() {
        let long = String(repeating: "word ", count: 20)
        let patch = commit("KVM: x86: Thing\n\n\(long)\n\(long)\n\nSigned-off-by: A <a@example.org>")
        #expect(run(CommitLogLongLineRule.self, [patch]).count == 1)
    }
}
