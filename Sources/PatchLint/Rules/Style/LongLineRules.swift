/// How checkpatch classifies a line longer than the limit: exempt, or one of its three
/// LONG_LINE types (a comment or a string that starts within the limit gets its own
/// type so that `--ignore LONG_LINE_COMMENT` can keep quiet about it).
enum LongLineKind: Equatable {
    case exempt, longLine, comment, string

    static func classify(_ line: StyleLine, max: Int) -> (kind: LongLineKind, length: Int)? {
        let length = line.plainRaw.map(plainDisplayLength) ?? KernelSanitizer.displayLength(line.raw)
        guard length > max else { return nil }
        // No exemption (string, logging call, URL) is looked for in an oversized line:
        // it is long whatever it holds.
        if OversizedLine.isOversized(line.raw) { return (.longLine, length) }
        let s = line.sanitized
        // Length of the raw text before a suffix of `suffixCount` characters.
        func prefixLength(droppingLast suffixCount: Int) -> Int {
            KernelSanitizer.displayLength(line.raw.dropLast(suffixCount))
        }
        // Logging calls that end in a string starting within the limit: the
        // message must stay greppable.
        if let g = logCallEndingInString.firstMatch(s), let tail = g[1],
           prefixLength(droppingLast: tail.count) <= max {
            return (.exempt, length)
        }
        if onlyString.matches(s) || defineOfString.matches(s) { return (.exempt, length) }
        if efiOrPerCPU.matches(s) { return (.exempt, length) }
        if containsURL(line.raw) { return (.exempt, length) }
        if let g = commentTail.firstMatch(s), let tail = g[1], prefixLength(droppingLast: tail.count) <= max {
            return (.comment, length)
        }
        let commentsAsSpaces = s.replacingOccurrences(of: KernelC.cm, with: " ")
        if let g = stringTail.firstMatch(commentsAsSpaces), let tail = g[1],
           prefixLength(droppingLast: tail.count) <= max {
            return (.string, length)
        }
        return (.longLine, length)
    }

    /// `KernelSanitizer.displayLength` of a plain line: one column per byte, tabs to
    /// the next multiple of 8.
    static func plainDisplayLength(_ line: PlainASCIILine) -> Int {
        PlainASCIILine.displayLength(line.bytes)
    }

    static let logFunction = #"(?:printk(?:_ratelimited|_once|_deferred_once|_deferred)?|(?:[a-z0-9]+_){1,2}(?:printk|emerg|alert|crit|err|warning|warn|notice|info|debug|dbg|vdbg|devel|cont|WARN)(?:_ratelimited|_once)?|TP_printk|WARN(?:_RATELIMIT|_ONCE)?|panic|MODULE_[A-Z_]+|seq_vprintf|seq_printf|seq_puts)"#
    static let logCallEndingInString = StyleRegex(#"^\s*"# + logFunction + #"\s*\(\s*(?:KERN_\S+\s*|[^"]*)?("# + KernelC.string + #"\s*(?:|,|\)\s*;)\s*)$"#)
    static let onlyString = StyleRegex(#"^\s*"# + KernelC.string + #"\s*(?:\s*|,|\)\s*;)\s*$"#)
    static let defineOfString = StyleRegex(#"^\s*#\s*define\s+\w+\s+"# + KernelC.string + "$")
    static let efiOrPerCPU = StyleRegex(#"\bEFI_GUID\s*\(|^\s*(?:\w+)?\s*DEFINE_PER_CPU"#)
    /// `scheme://something`, as checkpatch's URL exemption (`\b[a-z][\w.+\-]*://\S+`,
    /// case-insensitive). Hand-written: that regex is quadratic on a long run of
    /// scheme characters (`x+x+x+...` retries from every word start), and lines come
    /// from untrusted patches. Schemes longer than 64 characters are not looked for.
    static func containsURL(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4 else { return false }
        func isWord(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        func isSchemeChar(_ b: UInt8) -> Bool { isWord(b) || b == 0x2E || b == 0x2B || b == 0x2D }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        var i = 1
        while i + 2 < bytes.count {
            defer { i += 1 }
            guard bytes[i] == 0x3A, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F else { continue }
            // At least one non-space after "://".
            guard i + 3 < bytes.count, bytes[i + 3] != 0x20, bytes[i + 3] != 0x09 else { continue }
            // The scheme: a letter at a word boundary, then scheme characters up to ':'.
            var start = i
            while start > 0, i - start < 64, isSchemeChar(bytes[start - 1]) { start -= 1 }
            for p in start..<i where isLetter(bytes[p]) && (p == 0 || !isWord(bytes[p - 1])) {
                return true
            }
        }
        return false
    }
    static let commentTail = StyleRegex("(" + KernelC.cm + "[\\s" + KernelC.cm + "]*)$")
    static let stringTail = StyleRegex(#"\s*("# + KernelC.string + #"(?:\s*(?:\\|,\s*|\)\s*;\s*))?)$"#)
}

/// The three LONG_LINE types share one classification; each reports its own kind.
protocol LongLineFamilyRule: StyleLineRule {
    static var kind: LongLineKind { get }
}

extension LongLineFamilyRule {
    /// An oversized line is still a long line.
    public static var checksOversizedLines: Bool { true }

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let max = context.options.maxLineLength
        guard let (kind, length) = LongLineKind.classify(line, max: max), kind == Self.kind else { return }
        findings.report(Self.description, at: line, "line length of \(length) exceeds \(max) columns")
    }
}

/// LONG_LINE — checkpatch's WARNING of the same name.
public struct LongLineRule: LongLineFamilyRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.source

    public static let description = RuleDescription(
        id: "LONG_LINE",
        severity: .warning,
        scope: .line,
        summary: "A line longer than the limit (100 columns, tabs at 8; --max-line-length)",
        rationale: """
            Long lines are hard to read in mail clients and side-by-side diffs, and usually \
            mean deep nesting or an expression that wants a helper. As in checkpatch, lines \
            that are only a string, a logging call ending in a string that starts within the \
            limit (so the message stays greppable), a URL, EFI_GUID() and DEFINE_PER_CPU are \
            exempt; a comment or string that starts within the limit is reported as \
            LONG_LINE_COMMENT / LONG_LINE_STRING instead.
            """,
        fix: "Break the line, or move the nested code into a helper.",
        triggeringExamples: [
            RuleExample("↓\tresult = some_function_with_a_long_name(first_argument, second_argument, third_argument, fourth);"),
            RuleExample("↓static int __init kvm_mmu_module_init_all_the_things(struct kvm_vcpu *vcpu, struct kvm_memory_slot *slot, gfn_t gfn)",
                        path: "arch/x86/kvm/mmu.h"),
        ],
        nonTriggeringExamples: [
            RuleExample("\treturn some_function(first_argument, second_argument);"),
            RuleExample("\t\tpr_err(\"this message is long but it has to stay on one line so that people can grep for it\\n\");"),
            RuleExample("\t\"a string constant that is long enough to go past the limit of one hundred columns, alone\","),
            RuleExample("/* See https://lore.kernel.org/kvm/20240101000000.0000000-1-someone@example.org/T/#u for the thread */"),
            RuleExample("plain text lines in documentation are not C and are never measured by this rule, however long they are",
                        path: "Documentation/virt/kvm/api.rst"),
        ])

    static let kind = LongLineKind.longLine
}

/// LONG_LINE_COMMENT — checkpatch's WARNING: a comment starts within the limit and runs past it.
public struct LongLineCommentRule: LongLineFamilyRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.source

    public static let description = RuleDescription(
        id: "LONG_LINE_COMMENT",
        severity: .warning,
        scope: .line,
        summary: "A comment that starts within the line limit and extends beyond it",
        rationale: """
            A trailing comment that runs past the limit is as hard to read as long code; \
            checkpatch reports it under its own type so that it can be ignored separately \
            (ignoring LONG_LINE ignores it too).
            """,
        fix: "Move the comment above the line, or wrap it.",
        triggeringExamples: [
            RuleExample("↓\tspte = make_spte(vcpu, sp, slot, gfn); /* Install the new SPTE; it replaces the old one in place */"),
        ],
        nonTriggeringExamples: [
            RuleExample("\tspte = make_spte(vcpu, sp, slot, gfn); /* Install the new SPTE */"),
            RuleExample("\tresult = some_function_with_a_long_name(first_argument, second_argument, third_argument, fourth);"),
        ])

    static let kind = LongLineKind.comment
}

/// LONG_LINE_STRING — checkpatch's WARNING: a string starts within the limit and runs past it.
public struct LongLineStringRule: LongLineFamilyRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.source

    public static let description = RuleDescription(
        id: "LONG_LINE_STRING",
        severity: .warning,
        scope: .line,
        summary: "A string that starts within the line limit and extends beyond it (not a logging call)",
        rationale: """
            Strings should not be split (grep), but code in front of them can often move to \
            its own line; checkpatch reports these under their own type so that they can be \
            ignored separately (ignoring LONG_LINE ignores it too).
            """,
        fix: "Put the string on its own line, or shorten what precedes it.",
        triggeringExamples: [
            RuleExample("↓\tsnprintf(buf, size, \"the direct MMU cannot be used with shadow paging enabled, use the shadow MMU\");"),
        ],
        nonTriggeringExamples: [
            RuleExample("\tconst char *reason = \"short\";"),
            RuleExample("\t\tpr_err(\"this message is long but it has to stay on one line so that people can grep for it\\n\");"),
        ])

    static let kind = LongLineKind.string
}
