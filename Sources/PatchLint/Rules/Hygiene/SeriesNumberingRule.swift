/// SERIES_NUMBERING — a mailed series whose `[PATCH k/N]` numbers do not add up.
public struct SeriesNumberingRule: SeriesRule {
    public init() {}

    public static let description = RuleDescription(
        id: "SERIES_NUMBERING",
        severity: .warning,
        scope: .series,
        summary: "Mailed series with missing, duplicate or out-of-range k/N numbers, or disagreeing N",
        rationale: """
            Maintainers apply a series by its numbers (b4, git am on a sorted mbox). A gap \
            means a patch was lost in sending, a duplicate that two versions were mixed, \
            k > N or different N values that the series was renumbered by hand; the cover \
            letter's N must match too. Git ranges are always numbered correctly and are \
            not checked; neither are unnumbered patches, and a single patch of a series \
            given on its own is only checked for k > N.
            """,
        fix: "Regenerate the series with git format-patch (--cover-letter) and resend all of it.",
        triggeringExamples: [
            mailed([(1, 3), (3, 3)]),
            mailed([(1, 2), (2, 3)]),
            mailed([(1, 2), (1, 2), (2, 2)]),
            mailed([(1, 2), (3, 2)]),
            mailed([(4, 3)]),
        ],
        nonTriggeringExamples: [
            mailed([(1, 3), (2, 3), (3, 3)]),
            mailed([(1, 1)]),
            mailed([(3, 5)]),
            RuleExample(message: RuleExample.defaultMessage),
        ])

    /// An example series of mailed patches numbered k/N.
    static func mailed(_ numbers: [(Int, Int)]) -> RuleExample {
        RuleExample(series: numbers.map { k, n in
            RuleExample.Commit(message: "KVM: x86/mmu: Part \(k)\n\nExplain.\n\nSigned-off-by: Ex Ample <ex@example.org>",
                               files: [RuleExample.File(path: RuleExample.defaultPath, diff: "+int part\(k);")],
                               mailNumber: RuleExample.MailNumber(k, of: n))
        })
    }

    public func check(_ series: Series, context: ReviewContext, into findings: inout FindingsBySeries) {
        // Positions (1-based, in series order) of the numbered mailed patches.
        let numbered = series.patches.enumerated().filter { $0.element.origin == .mail && $0.element.total > 1 }
        guard !numbered.isEmpty else { return }
        func report(_ position: Int, _ message: String) {
            findings.report(Self.description, patchIndex: position + 1, file: nil, line: 0, message)
        }
        // One patch of a series on its own (`mmu-review 0003-foo.patch`, one mail of an
        // archive): the rest of the series is simply not part of the input, so only
        // its own number can be wrong.
        if numbered.count == 1 && series.coverLetter == nil {
            let (position, p) = numbered[0]
            if p.index > p.total {
                report(position, "Patch number \(p.index) is outside 1...\(p.total)")
            }
            return
        }
        // N: the value most patches carry (the cover letter's breaks a tie).
        var votes: [Int: Int] = [:]
        for (_, p) in numbered { votes[p.total, default: 0] += 1 }
        let n = votes.max { a, b in
            a.value != b.value ? a.value < b.value : (a.key != series.coverLetter?.total && b.key == series.coverLetter?.total)
        }!.key
        var seen: [Int: Int] = [:]  // k -> position of first patch with it
        for (position, p) in numbered {
            if p.total != n {
                report(position, "Patch \(p.index)/\(p.total) disagrees with the series' N of \(n)")
            }
            if p.index < 1 || p.index > p.total {
                report(position, "Patch number \(p.index) is outside 1...\(p.total)")
            }
            if let first = seen[p.index] {
                report(position, "Duplicate patch number \(p.index)/\(p.total) (also patch \(first + 1) of the input)")
            } else {
                seen[p.index] = position
            }
        }
        let missing = (1...n).filter { seen[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "\($0)/\(n)" }.joined(separator: ", ")
            report(numbered[0].offset, "Series is missing patch\(missing.count > 1 ? "es" : "") \(list)")
        }
        if let cover = series.coverLetter, cover.total != n {
            report(numbered[0].offset, "Cover letter announces \(cover.total) patches, the series has N = \(n)")
        }
        let versions = Set(numbered.map(\.element.version))
        if versions.count > 1 {
            report(numbered[0].offset, "Series mixes versions \(versions.sorted().map { "v\($0)" }.joined(separator: ", "))")
        }
    }
}
