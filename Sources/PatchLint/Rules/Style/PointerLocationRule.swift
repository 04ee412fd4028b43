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
        let s = line.sanitized
        guard s.contains("*") else { return }
        for m in Self.cast.allMatches(s) {
            guard let from = m.groups[2], from.contains("*") || from.contains(" ") else { continue }
            let to = Self.canonical(from, beforeIdentifier: false)
            if from != to {
                findings.report(Self.description, at: line, "\"(foo\(from))\" should be \"(foo\(to))\"")
                return
            }
        }
        for m in Self.declaration.allMatches(s) {
            guard let from = m.groups[2], let ident = m.groups[3], !Self.modifierOnly.matches(ident) else { continue }
            let to = Self.canonical(from, beforeIdentifier: true)
            if from != to {
                findings.report(Self.description, at: line, "\"foo\(from)bar\" should be \"foo\(to)bar\"")
                return
            }
        }
    }
}
