/// POINTER_LOCATION — checkpatch's ERROR of the same name.
public struct PointerLocationRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.c

    public static let description = RuleDescription(
        id: "POINTER_LOCATION",
        severity: .error,
        scope: .line,
        summary: "The * of a pointer declaration or cast attached to the type (foo* bar, (foo*))",
        rationale: """
            In C the * binds to the declarator, not the type: `char* a, b;` declares one \
            pointer and one char. Kernel style writes `char *a` and `(char *)` so the code \
            reads the way the compiler parses it (coding-style.rst, section 3.1).
            """,
        fix: "Write one space between the type and the stars and none after them: `foo *bar`, `(foo *)`.",
        triggeringExamples: [
            RuleExample("↓\tstruct kvm_mmu_page* sp;"),
            RuleExample("↓\tu64 * sptep;"),
            RuleExample("↓\tvoid *p = (void*)addr;"),
            RuleExample("↓static struct kvm_mmu_page* alloc_page(void);"),
        ],
        nonTriggeringExamples: [
            RuleExample("\tstruct kvm_mmu_page *sp;"),
            RuleExample("\tvoid *p = (void *)addr;"),
            RuleExample("\tsize = count * PAGE_SIZE;"),
            RuleExample("\tchar **argv;"),
            RuleExample("\t/* u64* in a comment */"),
            RuleExample("\tconst char * const names[] = { \"a\" };"),
            RuleExample("static u32 * __init kvm_alloc(int len)"),
        ])

    static let stars = #"(\s*(?:"# + KernelC.modifier + #"\b\s*|\*\s*)+)"#
    /// `(type *)` casts and abstract declarators.
    static let cast = StyleRegex(#"\(("# + KernelC.nonPointerType + #")"# + stars + #"\)"#)
    /// `type *name` declarations.
    static let declaration = StyleRegex(#"\b("# + KernelC.nonPointerType + #")"# + stars + "(" + KernelC.ident + ")")
    static let modifierOnly = StyleRegex("^" + KernelC.modifier + "$")

    /// checkpatch's canonical spelling of the stars-and-modifiers run: one leading
    /// space, no trailing space, no space between stars.
    static func canonical(_ from: String, beforeIdentifier: Bool) -> String {
        var to = from
        if let first = to.first, first != " " && first != "\t" { to = " " + to }
        while let last = to.last, last == " " || last == "\t" { to.removeLast() }
        while let r = to.range(of: #"\*\s+\*"#, options: .regularExpression) {
            to.replaceSubrange(r, with: "**")
        }
        if beforeIdentifier, to.range(of: #"\b"# + KernelC.modifier + "$", options: .regularExpression) != nil {
            to += " "
        }
        return to
    }

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        if let plain = line.plainSanitized {
            guard Self.plainMayReport(plain) else { return }
        } else {
            guard line.sanitized.contains("*") else { return }
        }
        if let message = Self.message(for: line.sanitized) {
            findings.report(Self.description, at: line, message)
        }
    }

    /// The message for a sanitized line that has a `*`, nil when its stars are fine.
    static func message(for s: String) -> String? {
        for m in cast.allMatches(s) {
            guard let from = m.groups[2], from.contains("*") || from.contains(" ") else { continue }
            let to = canonical(from, beforeIdentifier: false)
            if from != to { return "\"(foo\(from))\" should be \"(foo\(to))\"" }
        }
        for m in declaration.allMatches(s) {
            guard let from = m.groups[2], let ident = m.groups[3], !modifierOnly.matches(ident) else { continue }
            let to = canonical(from, beforeIdentifier: true)
            if from != to { return "\"foo\(from)bar\" should be \"foo\(to)bar\"" }
        }
        return nil
    }

    /// Whether `message(for:)` can report a plain line (false: it cannot). Without a
    /// modifier on the line (every modifier contains `const`, `volatile`, `__` or
    /// `fastcall`), the stars run between type and name or `)` is only stars and
    /// blanks, and it differs from its canonical spelling only when it starts with a
    /// `*` right after the type's last letter, digit or `_`, or has a blank after a
    /// `*` (trailing, or between two stars).
    static func plainMayReport(_ line: PlainASCIILine) -> Bool {
        let star = UInt8(ascii: "*")
        guard line.contains(star) else { return false }
        if line.contains("__") || line.contains("const") || line.contains("volatile") || line.contains("fastcall") {
            return true
        }
        return line.contains(star, after: PlainASCIILine.isIdentifier)
            || line.contains(star, before: PlainASCIILine.isSpace)
    }
}
