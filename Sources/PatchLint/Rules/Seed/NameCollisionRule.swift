/// NAME_COLLISION — from the seed review: "have you thrown around any other names
/// besides "direct MMU"? ... the @direct flag is also set when IA32 paging is disabled
/// in the guest."
///
/// Conservative by design: it needs a family (at least three new identifiers sharing a
/// two-word stem, like direct_mmu_*, that no existing name in the shown code contains),
/// and, in the code the patch shows of the touched files, an existing struct member of
/// at most two words used as a boolean (`!x->f`, `a && x.f`, an `if` condition) that
/// contains the stem's first word: `mmu->direct_map`, `role.direct` for direct_mmu_*.
public struct NameCollisionRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "NAME_COLLISION",
        severity: .note,
        scope: .commit,
        summary: "A new identifier family reuses a word that already names a different boolean concept nearby",
        rationale: """
            When new code calls its feature "direct" in a file where `direct_map` and \
            `role.direct` already mean something else (a guest without paging, a TDP \
            page table), every later reader has to work out which "direct" a line means, \
            and the two concepts get mixed up in review and in fixes. A distinct word is \
            cheap while the series is still under review.
            """,
        triggeringExamples: [
            RuleExample(diff: """
                +static bool __read_mostly enable_fast_mmu;
                +
                +static bool is_fast_mmu_root(struct kvm *kvm, hpa_t root)
                +{
                +\treturn root == kvm->arch.fast_mmu_root;
                +}
                +
                +static void fast_mmu_init(struct kvm *kvm)
                +{
                +\tkvm->arch.fast_mmu_root = INVALID_PAGE;
                +}
                 static void free_roots(struct kvm_mmu *mmu)
                 {
                 \tif (mmu->root_level >= PT64_ROOT_4LEVEL || mmu->fast_map)
                 \t\treturn;
                 }
                """, path: "arch/x86/kvm/mmu/mmu.c"),
        ],
        nonTriggeringExamples: [
            // The family is there but nothing nearby uses the word as a boolean.
            RuleExample(diff: """
                +static bool is_fast_mmu_root(struct kvm *kvm, hpa_t root)
                +{
                +\treturn root == kvm->arch.fast_mmu_root;
                +}
                +static void fast_mmu_init(struct kvm *kvm)
                +{
                +\tkvm->arch.fast_mmu_root = INVALID_PAGE;
                +\tkvm->arch.fast_mmu_ready = true;
                +}
                 static void free_roots(struct kvm_mmu *mmu)
                 {
                 \tmmu->fast_map_count = 0;
                 }
                """, path: "arch/x86/kvm/mmu/mmu.c"),
            // Only two new names: not a family yet.
            RuleExample(diff: """
                +static bool fast_mmu_on;
                +static int fast_mmu_count;
                 static void f(struct kvm_mmu *mmu)
                 {
                 \tif (!mmu->fast_map)
                 \t\treturn;
                 }
                """),
        ])

    /// Words too generic to make a collision: every KVM name has them, so nobody reads
    /// them as naming one concept.
    static let genericWords: Set<String> = [
        "kvm", "vcpu", "mmu", "x86", "arch", "is", "has", "enable", "enabled", "init", "uninit",
        "get", "set", "max", "min", "nr", "num", "the", "to", "of", "page", "pages", "vm",
        "alloc", "free", "create", "destroy", "new", "old", "do", "can", "use", "flag", "flags",
        "guest", "host", "slot", "slots", "count", "root", "roots", "gfn", "gpa", "hva", "pfn",
        "spte", "sptes", "data", "state", "info", "test", "msr", "apic", "irq", "vmcs", "vmcb",
        "level", "size", "addr", "type", "mask", "list", "entry", "index", "check", "handle",
    ]

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        let views = CodeView.views(of: patch, side: .new)
        // The pre-image is lexed only for a patch that has a family of new names (few
        // do): finding the declarations looks at just the pre-image hunks that spell one.
        let declarations = NewDeclarations.find(in: patch)
        let newNames = Set(declarations.map(\.name))
        guard newNames.count >= 3 else { return }

        // Two-word stems shared by at least three new names.
        var stems: [String: Set<String>] = [:]
        for name in newNames {
            let words = Self.words(name)
            guard words.count >= 2 else { continue }
            for i in 0..<(words.count - 1) {
                stems["\(words[i])_\(words[i + 1])", default: []].insert(name)
            }
        }
        let families = stems.filter { $0.value.count >= 3 }
            .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
        guard !families.isEmpty else { return }
        let oldViews = CodeView.views(of: patch, side: .old)

        let existingNames = Set(NewDeclarations.existingNames(views: views, oldViews: oldViews).map { $0.lowercased() })
        let booleans = Self.booleanIdentifiers(in: views + oldViews, excluding: newNames)
            .filter { $0.isMember && Self.words($0.name).count <= 2 }
        for (stem, members) in families
        where !existingNames.contains(where: { PlainASCIILine.contains($0, stem) }) {
            // The stem's head word is what the family is about ("direct" MMU); a
            // second word (init_start, fault_access) is too incidental to collide.
            let stemWords = stem.split(separator: "_").map(String.init).prefix(1)
            for word in stemWords where word.count >= 4 && !Self.genericWords.contains(word) {
                guard let existing = booleans.first(where: { entry in
                    let words = Self.words(entry.name)
                    return words.contains(word) && !PlainASCIILine.contains(entry.name.lowercased(), stem)
                }) else { continue }
                let sameFile = declarations.first { members.contains($0.name) && $0.path == existing.path }
                guard let anchor = sameFile ?? declarations.first(where: { members.contains($0.name) })
                else { continue }
                let listed = members.sorted().prefix(4).joined(separator: ", ")
                    + (members.count > 4 ? ", ..." : "")
                // A naming question is about the whole patch, as reviewers raise it (at
                // the top of the reply, not on one line): a commit-level note that says
                // where the family first appears.
                findings.report(
                    Self.description, file: nil, line: 0,
                    "New names built on '\(stem)' (\(listed): \(members.count) identifiers, first at \(anchor.path):\(anchor.line.newNumber ?? 0)) reuse '\(word)', which already names a different boolean concept here: '\(existing.name)' (\(existing.path):\(existing.side == .old ? "old line " : "")\(existing.line), `\(existing.expression)`). Consider a word that cannot be confused with it")
                return
            }
        }
    }

    static func words(_ identifier: String) -> [String] {
        identifier.lowercased().split(separator: "_").map(String.init).filter { !$0.isEmpty }
    }

    struct BooleanUse {
        var name: String
        var expression: String
        var isMember: Bool
        var path: String
        var side: CodeView.Side
        var line: Int
    }

    /// Identifiers (variables, members) the code uses as truth values, first use first.
    static func booleanIdentifiers(in views: [CodeView], excluding: Set<String>) -> [BooleanUse] {
        var result: [BooleanUse] = []
        var seen: Set<String> = []
        for view in views {
            let tokens = view.tokens
            func record(chainEnd: Int) {
                guard chainEnd >= 0, chainEnd < tokens.count, tokens[chainEnd].kind == .identifier,
                      !excluding.contains(tokens[chainEnd].text),
                      !CKeywords.all.contains(tokens[chainEnd].text),
                      !(chainEnd + 1 < tokens.count && (tokens[chainEnd + 1].isPunct("(")
                        || tokens[chainEnd + 1].isPunct("[") || tokens[chainEnd + 1].isPunct(".")
                        || tokens[chainEnd + 1].isPunct("->"))),
                      seen.insert("\(tokens[chainEnd].text)#\(CExpressions.isMemberAccess(tokens, chainEnd))").inserted
                else { return }
                let start = CExpressions.chainStart(tokens, endingAt: chainEnd, lowerBound: 0)
                result.append(BooleanUse(name: tokens[chainEnd].text,
                                         expression: CCallFinder.text(of: start..<(chainEnd + 1), in: tokens),
                                         isMember: CExpressions.isMemberAccess(tokens, chainEnd),
                                         path: view.path, side: view.side, line: view.number(of: chainEnd)))
            }
            /// The last identifier of the access chain starting at `i`.
            func chainEnd(from i: Int) -> Int {
                var j = i
                while j + 2 < tokens.count, tokens[j].kind == .identifier,
                      tokens[j + 1].isPunct(".") || tokens[j + 1].isPunct("->"),
                      tokens[j + 2].kind == .identifier { j += 2 }
                return j
            }
            for i in tokens.indices where tokens[i].kind == .punct || tokens[i].isIdentifier("bool") {
                switch tokens[i].text {
                case "!":
                    if i + 1 < tokens.count { record(chainEnd: chainEnd(from: i + 1)) }
                case "&&", "||":
                    record(chainEnd: i - 1)
                    if i + 1 < tokens.count { record(chainEnd: chainEnd(from: i + 1)) }
                case "?":
                    record(chainEnd: i - 1)
                case "bool":
                    if i + 1 < tokens.count, tokens[i + 1].kind == .identifier,
                       i + 2 < tokens.count, [";", ",", ":", "="].contains(tokens[i + 2].text) {
                        record(chainEnd: i + 1)
                    }
                default:
                    break
                }
            }
        }
        return result
    }
}
