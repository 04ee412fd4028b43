/// COMMIT_LOG_LONG_LINE — checkpatch's WARNING of the same name, reported once per
/// commit like checkpatch.
public struct CommitLogLongLineRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "COMMIT_LOG_LONG_LINE",
        severity: .warning,
        scope: .commit,
        summary: "A commit message line longer than 75 characters",
        rationale: """
            Commit messages are read in 80-column terminals with git log's 4-space indent \
            and quoted in replies; 75 characters keeps them readable there. As in \
            checkpatch, Fixes:, Link:, Closes: and signature tag lines, diffstat-like lines, \
            lines starting with a file path and a colon, pasted logs (a WARNING:/BUG: \
            line, a [ 12.345678] timestamp or register dump, until the next blank line) \
            and everything from the first Signed-off-by: on are exempt. Reported once \
            per commit.
            """,
        fix: "Re-wrap the paragraph at 75 columns.",
        triggeringExamples: [
            RuleExample(message: """
                KVM: x86/mmu: Example change

                This paragraph was written in an editor that does not wrap, so the line goes on and on.

                Signed-off-by: Ex Ample <ex@example.org>
                """),
        ],
        nonTriggeringExamples: [
            RuleExample(message: """
                KVM: x86/mmu: Example change

                A well wrapped paragraph.

                Signed-off-by: Ex Ample <ex@example.org>
                [Reworded the changelog and the comment above the new helper, added the test]
                Signed-off-by: Other Person <other@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                A well wrapped paragraph.

                Fixes: 0123456789ab ("KVM: x86/mmu: A very long subject line of the commit that is fixed here")
                Link: https://lore.kernel.org/kvm/20240101000000.1234567-1-someone@example.org/T/#u
                Signed-off-by: Ex Ample <ex@example.org>
                """),
            RuleExample(message: """
                KVM: x86/mmu: Example change

                The splat:

                  WARNING: CPU: 3 PID: 1234 at arch/x86/kvm/mmu/mmu.c:1234 kvm_mmu_page_fault+0x1a/0x2b [kvm]
                  Call Trace: a very long line of the stack dump that goes past the limit of the log

                Signed-off-by: Ex Ample <ex@example.org>
                """),
        ])

    /// Necessary for `signOff` on a plain line: an `s` or `S` after the blanks.
    static func maySignOff(_ text: String) -> Bool {
        let first = text.utf8.first { $0 != 0x20 && $0 != 0x09 }
        return first == UInt8(ascii: "s") || first == UInt8(ascii: "S")
    }

    /// Necessary for `stackDumpStart` on a plain line: `W`, `B`, `[` or `#` after the
    /// blanks (WARNING:/BUG:, timestamps and addresses, frame numbers), or a leading
    /// blank and a `:` (register dumps).
    static func mayStartStackDump(_ text: String) -> Bool {
        let utf8 = text.utf8
        switch utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) {
        case UInt8(ascii: "W"), UInt8(ascii: "B"), UInt8(ascii: "["), UInt8(ascii: "#"): return true
        default: return (utf8.first == 0x20 || utf8.first == 0x09) && utf8.contains(UInt8(ascii: ":"))
        }
    }

    static let signOff = StyleRegex(#"^\s*signed-off-by:"#, caseInsensitive: true)
    static let diffstat = StyleRegex(#"^\s*[a-zA-Z0-9_/.]+\s+\|\s+\d+"#)
    static let pathColon = StyleRegex(#"^\s*(?:[\w.+\-]*/)+[\w.+\-]+:"#)
    static let tagLine = StyleRegex(#"^\s*(?:Fixes:|Link:|Closes:|Signed-off-by:|Co-developed-by:|Acked-by:|Tested-by:|Reviewed-by:|Reported-by:|Suggested-by:|Assisted-by:|To:|Cc:)"#, caseInsensitive: true)
    static let stackDumpStart = StyleRegex(#"^\s*(?:WARNING:|BUG:)|^\s*\[\s*\d+\.\d{6}\s*\]|^\s*\[<[0-9a-fA-F]{8,}>\]|^(?:\s+\w+:\s+[0-9a-fA-F]+){3}|^\s*#\d+\s*\[[0-9a-fA-F]+\]\s*\w+ at [0-9a-fA-F]+"#)

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        guard patch.origin != .staged else { return }
        var inDump = false
        for line in TextLines.split(patch.body, omittingEmptySubsequences: false) {
            let text = String(line.hasSuffix("\r") ? line.dropLast() : line)
            // On plain lines, a byte test first rules out most lines for each regex.
            let plain = PlainASCIILine.isPlain(text)
            // As in checkpatch, the description ends at the first Signed-off-by:.
            if (!plain || Self.maySignOff(text)) && Self.signOff.matches(text) { return }
            if !inDump && (!plain || Self.mayStartStackDump(text)) && Self.stackDumpStart.matches(text) {
                inDump = true
            }
            if text.utf8.count > 75 && !inDump && !Self.diffstat.matches(text)
                && !Self.pathColon.matches(text) && !Self.tagLine.matches(text) {
                findings.report(Self.description, file: nil, line: 0,
                                "Prefer a maximum 75 chars per line (possible unwrapped commit description?)",
                                sourceLine: text)
                return
            }
            if inDump && text.allSatisfy(\.isWhitespace) { inDump = false }
        }
    }
}
