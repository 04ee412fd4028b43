/// BAD_SIGN_OFF — checkpatch's type of the same name: malformed signature lines
/// (Signed-off-by:, Reviewed-by:, ...), non-standard `*-by:` tags, duplicates, and a
/// Co-developed-by: not followed by its Signed-off-by:.
public struct BadSignOffRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "BAD_SIGN_OFF",
        severity: .warning,
        scope: .commit,
        summary: "Malformed, non-standard or duplicate signature lines",
        rationale: """
            Signature tags are parsed by tools (b4, git interpret-trailers, the maintainers' \
            scripts, patchwork) and carry legal meaning (the DCO). They must be spelt as \
            submitting-patches.rst lists them, one space after the colon, `Name \
            <address>`, each once; Co-developed-by: must be followed by the co-author's \
            Signed-off-by:.
            """,
        fix: "Use the standard spelling: `Signed-off-by: Full Name <address>`.",
        triggeringExamples: [
            RuleExample(message: """
                KVM: x86/mmu: Example change

                Explain.

                Signed-of-by: Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                Explain.

                signed-off-by: Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                Explain.

                Signed-off-by:Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                Explain.

                Signed-off-by: Ex Ample <ex@example.org>
                Signed-off-by: Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                Explain.

                Co-developed-by: Other Person <other@example.org>
                Signed-off-by: Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                Explain.

                Signed-off-by: Ex Ample
                """),
        ],
        nonTriggeringExamples: [
            RuleExample(message: RuleExample.defaultMessage),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                Explain.

                Co-developed-by: Other Person <other@example.org>
                Signed-off-by: Other Person <other@example.org>
                Reviewed-by: Some One <some@example.org>
                Cc: stable@vger.kernel.org # 6.1+
                Signed-off-by: Ex Ample <ex@example.org>
                """),
        ])

    /// The signature tags submitting-patches.rst defines (checkpatch's list).
    static let standardTags = [
        "Signed-off-by:", "Co-developed-by:", "Acked-by:", "Tested-by:", "Reviewed-by:",
        "Reported-by:", "Suggested-by:", "Assisted-by:", "To:", "Cc:",
    ]
    static let lowercasedStandardTags = standardTags.map { $0.lowercased() }
    static let signatureLine = StyleRegex(#"^(\s*)([a-z0-9_-]+by:|Signed-off-by:|Co-developed-by:|Acked-by:|Tested-by:|Reviewed-by:|Reported-by:|Suggested-by:|Assisted-by:|To:|Cc:)(\s*)(.*)"#, caseInsensitive: true)
    /// Necessary for `signatureLine` on a plain line: after the blanks, a run of
    /// `[A-Za-z0-9_-]` ended by `:` (every tag the regex accepts has that shape).
    static func mayBeSignature(_ line: String) -> Bool {
        var sawTagByte = false
        var leading = true
        for b in line.utf8 {
            if leading && (b == 0x20 || b == 0x09) { continue }
            leading = false
            if PlainASCIILine.isIdentifier(b) || b == UInt8(ascii: "-") { sawTagByte = true; continue }
            return sawTagByte && b == UInt8(ascii: ":")
        }
        return false
    }

    static let address = StyleRegex(#"^(?:"?([^"<>]*?)"?\s*)?<([^<>@\s]+@[^<>\s]+)>\s*(.*)$|^([^<>@\s]+@[^<>\s]+)\s*(.*)$"#)

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        guard patch.origin != .staged else { return }
        let lines = TextLines.split(patch.body, omittingEmptySubsequences: false).map(String.init)
        var seen: Set<String> = []
        for (n, line) in lines.enumerated() {
            if PlainASCIILine.isPlain(line) && !Self.mayBeSignature(line) { continue }
            guard let g = Self.signatureLine.firstMatch(line), let tag = g[2] else { continue }
            let spaceBefore = g[1] ?? "", spaceAfter = g[3] ?? "", value = g[4] ?? ""
            // Like checkpatch, a tag that contains a standard one ("Not-signed-off-by:")
            // is not called non-standard.
            let lowerTag = tag.lowercased()
            let canonical = Self.standardTags.indices.first {
                PlainASCIILine.contains(lowerTag, Self.lowercasedStandardTags[$0])
            }.map { Self.standardTags[$0] }
            func report(_ message: String, _ suggestion: String? = nil, severity: Severity? = nil) {
                findings.report(Self.description, file: nil, line: 0, message, suggestion: suggestion,
                                severity: severity, sourceLine: line)
            }
            let preferred = Self.capitalizedTag(tag)
            if canonical == nil {
                if let near = Self.nearestStandardTag(tag) {
                    report("Non-standard signature: '\(tag)' - perhaps '\(near)'?", "\(near) \(value)")
                } else {
                    report("Non-standard signature: \(tag)")
                }
            }
            if !spaceBefore.isEmpty {
                report("Do not use whitespace before \(preferred)", "\(preferred) \(value)")
            }
            if tag.lowercased().hasSuffix("-by:"), tag != Self.capitalizedTag(tag) {
                report("'\(Self.capitalizedTag(tag))' is the preferred signature form", "\(preferred) \(value)")
            }
            if spaceAfter != " " {
                report("Use a single space after \(preferred)", "\(preferred) \(value)")
            }
            if tag.lowercased() == "assisted-by:" { continue }
            if Self.address.firstMatch(value.trimmingWhitespace()) == nil {
                report("Unrecognized email address: '\(value)'", severity: .error)
            }
            // Duplicates: the same line, ignoring case and whitespace.
            let key = line.filter { !$0.isWhitespace }.lowercased()
            if !seen.insert(key).inserted { report("Duplicate signature") }
            if tag.lowercased() == "co-developed-by:" {
                let next = n + 1 < lines.count ? lines[n + 1] : ""
                if !next.lowercased().hasPrefix("signed-off-by:") {
                    report("Co-developed-by: must be immediately followed by Signed-off-by:")
                } else if next.dropFirst("signed-off-by:".count).trimmingWhitespace() != value.trimmingWhitespace() {
                    report("Co-developed-by and Signed-off-by: name/email do not match")
                }
            }
        }
    }

    /// `signed-OFF-by:` -> `Signed-off-by:` (Perl's ucfirst(lc())).
    static func capitalizedTag(_ tag: String) -> String {
        let lower = tag.lowercased()
        return lower.prefix(1).uppercased() + lower.dropFirst()
    }

    /// A standard tag within two edits of a misspelt one (`Signed-of-by:`).
    static func nearestStandardTag(_ tag: String) -> String? {
        let t = Array(tag.lowercased())
        var best: (String, Int)?
        for candidate in standardTags where candidate.hasSuffix("-by:") {
            let d = editDistance(t, Array(candidate.lowercased()))
            if d <= 2, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
