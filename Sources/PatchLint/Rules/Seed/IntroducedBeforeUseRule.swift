/// INTRODUCED_BEFORE_USE — from the seed review, on `bool pure_direct_mmu;`: "This should
/// be introduced in the same patch that first uses the flag, without the usage it's
/// impossible to properly review."
///
/// A struct member, global, macro or function that patch k adds and patch k never reads
/// (it is only declared, or only written). Reads are found syntactically: an access that
/// is not the target of an assignment or increment.
///
/// Globals and functions count only when `static`: one with external linkage can have
/// readers outside the diff (generic code calling a new arch hook). Empty `#define`s
/// are #ifdef flags for existing code and do not count either.
public struct IntroducedBeforeUseRule: SeriesRule {
    public init() {}

    public static let description = RuleDescription(
        id: "INTRODUCED_BEFORE_USE",
        severity: .warning,
        scope: .series,
        summary: "A member, global, macro or function added in a patch that does not read it",
        rationale: """
            A field that is only declared (or only written) in the patch that adds it \
            cannot be reviewed: whether it is needed, whether it should be per-VM or \
            per-vCPU, sticky or not, depends on code the reviewer has not seen yet. Kernel \
            practice is to add a thing in the patch that first uses it.
            """,
        fix: "Move the declaration (and its writes) into the patch that first reads it; drop it if nothing ever does.",
        triggeringExamples: [
            RuleExample(diff: """
                 struct kvm_arch {
                 \tbool exception_payload_enabled;
                ↓+\tbool pure_tdp;
                 };
                """, path: "arch/x86/include/asm/kvm_host.h"),
            RuleExample(series: [
                RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                    RuleExample.File(path: "arch/x86/include/asm/kvm_host.h", diff: """
                         struct kvm_arch {
                         \tbool exception_payload_enabled;
                        ↓+\tbool pure_tdp;
                         };
                        """, startLine: 10),
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: """
                         static int mmu_alloc_shadow_roots(struct kvm_vcpu *vcpu)
                         {
                        +\tvcpu->kvm->arch.pure_tdp = false;
                         \treturn 0;
                         }
                        """, startLine: 100),
                ]),
                RuleExample.Commit(message: RuleExample.defaultMessage, files: [
                    RuleExample.File(path: "arch/x86/kvm/mmu/mmu.c", diff: """
                         static void zap_all(struct kvm *kvm)
                         {
                        +\tif (kvm->arch.pure_tdp)
                        +\t\treturn;
                         }
                        """, startLine: 200),
                ]),
            ]),
            RuleExample("""
                ↓#define KVM_NEW_FLAG\tBIT(3)
                ↓static int unused_counter;
                ↓static void helper_for_later(struct kvm *kvm)
                {
                \tunused_counter++;
                }
                """),
        ],
        nonTriggeringExamples: [
            RuleExample(diff: """
                 struct kvm_arch {
                 \tbool exception_payload_enabled;
                +\tbool tdp_on;
                +\thpa_t roots[2];
                 };
                 static void f(struct kvm *kvm)
                 {
                +\tif (kvm->arch.tdp_on && kvm->arch.roots[0])
                +\t\treturn;
                 }
                """, path: "arch/x86/kvm/mmu/mmu.c"),
            RuleExample("""
                static bool __read_mostly enable_foo;
                module_param_named(foo, enable_foo, bool, 0444);
                """),
            RuleExample("""
                void kvm_arch_new_hook(struct kvm *kvm)
                {
                }
                #define __KVM_HAVE_ARCH_NEW_HOOK
                #define pmd_leaf pmd_leaf
                """),
            RuleExample(diff: """
                -void kvm_mmu_init_vm(struct kvm *kvm)
                +int kvm_mmu_init_vm(struct kvm *kvm)
                 {
                """),
            RuleExample("""
                static int helper(void)
                {
                \treturn 1;
                }
                EXPORT_SYMBOL_GPL(helper);
                """),
        ])

    /// Macros that headers the file includes read implicitly (printk prefixes, trace
    /// point setup), so a patch never spells out their use.
    static let implicitlyReadMacros: Set<String> = [
        "pr_fmt", "dev_fmt", "DEBUG", "CREATE_TRACE_POINTS", "TRACE_SYSTEM",
        "TRACE_INCLUDE_PATH", "TRACE_INCLUDE_FILE", "_GNU_SOURCE", "KBUILD_MODNAME",
    ]

    /// Interfaces whose readers are outside the kernel tree's C code: user-space ABI
    /// headers and the selftests' library headers.
    static func isInterfacePath(_ path: String) -> Bool {
        path.hasPrefix("include/uapi/") || containsUAPIDirectory(path) || path.hasPrefix("tools/")
    }

    /// `path.contains("/include/uapi/")`, on the bytes when the path is ASCII (Foundation's
    /// search bridges the string; it is kept for other paths so they compare as before).
    static func containsUAPIDirectory(_ path: String) -> Bool {
        ASCIIBytes.withBytes(path) { bytes in
            guard ASCIIBytes.isOneBytePerCharacter(bytes) else { return nil }
            return PreImageNames.contains(bytes, Array("/include/uapi/".utf8))
        } ?? path.contains("/include/uapi/")
    }

    /// A declaration its own patch never reads, and where that patch writes it.
    struct Unread: Sendable {
        var declaration: NewDeclaration
        var writes: [String]
    }

    /// The part of the rule that needs one patch only (its facts, taken in the patch's
    /// own job): the declarations it adds and never reads itself.
    static func unreadDeclarations(of patch: Patch, views: [CodeView]) -> [Unread] {
        let declarations = NewDeclarations.find(in: patch).filter {
            !isInterfacePath($0.path) && !($0.kind == .macro && implicitlyReadMacros.contains($0.name))
        }
        guard !declarations.isEmpty else { return [] }
        let own = SeriesCode.PatchCode.changedIdentifiers(among: NameFilter(Set(declarations.map(\.name))), in: views)
        var unread: [Unread] = []
        var readMacroGroups: Set<String> = []
        for declaration in declarations {
            let (read, writes) = uses(of: declaration, in: views, own[declaration.name] ?? [])
            if read {
                if declaration.kind == .macro { readMacroGroups.insert(group(of: declaration)) }
            } else {
                unread.append(Unread(declaration: declaration, writes: writes))
            }
        }
        // One of a set of sibling constants (PFERR_*_MASK) whose set the patch uses:
        // defining the whole set is normal.
        return unread.filter {
            !($0.declaration.kind == .macro && readMacroGroups.contains(group(of: $0.declaration)))
        }
    }

    /// Where a patch first reads a name on its changed lines, for each kind of
    /// declaration the name could have elsewhere in the series (a member is read
    /// differently from a global): what the rule asks of the other patches, kept in
    /// their facts so that they need not be looked at again.
    struct FirstReads: Sendable {
        /// By `kinds` position: the view (its path) and line of the read, packed as
        /// `view << 32 | line`, plus one (0: no read). A patch keeps one of these per
        /// name on its changed lines, so it stays a few words.
        private var places: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        static let kinds: [NewDeclaration.Kind] = [.member, .global, .macro, .function]

        private static func slot(_ kind: NewDeclaration.Kind) -> Int {
            switch kind {
            case .member: 0
            case .global: 1
            case .macro: 2
            case .function: 3
            }
        }

        func place(_ kind: NewDeclaration.Kind) -> (view: Int, line: Int)? {
            let packed: UInt64
            switch Self.slot(kind) {
            case 0: packed = places.0
            case 1: packed = places.1
            case 2: packed = places.2
            default: packed = places.3
            }
            guard packed != 0 else { return nil }
            return (Int((packed - 1) >> 32), Int((packed - 1) & 0xFFFF_FFFF))
        }

        mutating func set(_ kind: NewDeclaration.Kind, view: Int, line: Int) {
            let packed = (UInt64(view) << 32 | UInt64(UInt32(truncatingIfNeeded: line))) + 1
            switch Self.slot(kind) {
            case 0: places.0 = packed
            case 1: places.1 = packed
            case 2: places.2 = packed
            default: places.3 = packed
            }
        }

        var isComplete: Bool { places.0 != 0 && places.1 != 0 && places.2 != 0 && places.3 != 0 }
    }

    /// A patch's first reads of the names on its changed lines, and the paths of its
    /// views (`FirstReads` name a view by position).
    struct ReadIndex: Sendable {
        let reads: [String: FirstReads]
        let paths: [String]

        /// `path:line` of the patch's first read of `declaration`'s name, read the way
        /// a declaration of that kind is.
        func firstRead(of declaration: NewDeclaration) -> String? {
            guard let place = reads[declaration.name]?.place(declaration.kind) else { return nil }
            return "\(paths[place.view]):\(place.line)"
        }
    }

    /// `FirstReads` of every identifier on the changed lines of `views` (or of those
    /// among `names`; keywords, which nothing declares, left out): where a declaration
    /// of each kind is first read, in one pass.
    static func readIndex(of views: [CodeView], among names: NameFilter? = nil) -> ReadIndex {
        var result: [String: FirstReads] = [:]
        for (v, view) in views.enumerated() {
            let tokens = view.tokens
            for (s, statement) in view.statements.enumerated() {
                var assignments: [CExpressions.Assignment]?
                for i in statement.range where tokens[i].kind == .identifier && view.isChanged(i)
                    && names.map({ $0.contains(tokens[i].text) }) ?? true {
                    let name = tokens[i].text
                    var entry = result[name] ?? FirstReads()
                    guard !entry.isComplete, !CKeywords.all.contains(name) else { continue }
                    if assignments == nil { assignments = CExpressions.assignments(in: tokens, range: statement.range) }
                    let occurrence = SeriesCode.PatchCode.Occurrence(view: v, token: i, statement: s)
                    for kind in FirstReads.kinds where entry.place(kind) == nil {
                        let declaration = NewDeclaration(kind: kind, name: name, container: "", path: view.path,
                                                         line: view.diffLine(of: i), view: -1, token: -1)
                        if case .read = classify(declaration, occurrence, in: view, assignments: assignments!) {
                            entry.set(kind, view: v, line: view.number(of: i))
                        }
                    }
                    result[name] = entry
                }
            }
        }
        return ReadIndex(reads: result, paths: views.map(\.path))
    }

    public func check(_ series: Series, context: ReviewContext, into findings: inout FindingsBySeries) {
        let code = SeriesCode.of(series, context)
        let total = code.patches.count
        // What each patch adds and never reads itself: its facts.
        let unreadByPatch = code.patches.map(\.facts.unreadDeclarations)
        // Where the unread names occur in the rest of the series: one pass over a patch
        // for all of them, and only over the patches that may hold one.
        let unreadNames = Set(unreadByPatch.joined().map(\.declaration.name))
        guard !unreadNames.isEmpty else { return }
        // Where each unread declaration is first read in each other patch that may
        // hold its name: from that patch's facts (or, for a patch kept in memory, its
        // code, for just these names).
        let declarations = unreadByPatch.enumerated().flatMap { k, unread in unread.map { (k, $0.declaration) } }
        let byName = Dictionary(grouping: declarations.indices) { declarations[$0].1.name }
        let filter = NameFilter(unreadNames)
        var readPlaces: [[Int: String]] = Array(repeating: [:], count: declarations.count)
        for j in 0..<total {
            let digest = code.patches[j].facts.changedNames
            let names = byName.filter { digest.mayContain($0.key) }
            guard !names.isEmpty else { continue }
            let reads = code.patches[j].facts.reads ?? Self.readIndex(of: code.patches[j].views, among: filter)
            for d in names.values.joined() where declarations[d].0 != j {
                if let place = reads.firstRead(of: declarations[d].1) { readPlaces[d][j] = place }
            }
        }
        var d = 0
        for k in 0..<total {
            for unread in unreadByPatch[k] {
                defer { d += 1 }
                let declaration = unread.declaration
                var elsewhere: String?
                for j in Array((k + 1)..<total) + Array(0..<k) {
                    guard let place = readPlaces[d][j] else { continue }
                    elsewhere = j > k
                        ? "it is first read in patch \(j + 1)/\(total) at \(place)"
                        : "it is read earlier, in patch \(j + 1)/\(total) at \(place), before this patch adds it"
                    break
                }
                let container = declaration.container.isEmpty ? "" : " of \(declaration.container)"
                let writes = unread.writes.isEmpty ? "only declared"
                    : "only written (\(unread.writes.prefix(3).joined(separator: ", ")))"
                let kind = declaration.kind.rawValue.prefix(1).uppercased() + declaration.kind.rawValue.dropFirst()
                findings.report(
                    Self.description, patchIndex: code.patches[k].patch.position, file: declaration.path,
                    line: declaration.line.newNumber ?? 0,
                    "\(kind) '\(declaration.name)'\(container) is added but never read in this patch: it is \(writes); \(elsewhere ?? "nothing in the series ever reads it"). Introduce it in the patch that first uses it",
                    sourceLine: declaration.line.text)
            }
        }
    }

    /// A macro's sibling group: its file and the first word of its name (PFERR, HF).
    static func group(of declaration: NewDeclaration) -> String {
        "\(declaration.path)#\(declaration.name.split(separator: "_").first ?? "")"
    }

    /// Whether the patch (its `views`, and the `occurrences` of the declaration's name on
    /// its changed lines) reads the declaration (outside the declaration itself), and
    /// where it writes it.
    static func uses(of declaration: NewDeclaration, in views: [CodeView],
                     _ occurrences: [SeriesCode.PatchCode.Occurrence]) -> (Bool, [String]) {
        var writes: [String] = []
        for occurrence in occurrences {
            if occurrence.view == declaration.view && occurrence.token == declaration.token { continue }
            let view = views[occurrence.view]
            switch classify(declaration, occurrence, in: view) {
            case .read: return (true, writes)
            case .write: writes.append("\(view.path):\(view.number(of: occurrence.token))")
            case .unrelated: break
            }
        }
        return (false, writes)
    }

    static func classify(_ declaration: NewDeclaration, _ occurrence: SeriesCode.PatchCode.Occurrence,
                         in view: CodeView) -> NewDeclarations.Use {
        let statement = view.statements[occurrence.statement]
        return classify(declaration, occurrence, in: view,
                        assignments: CExpressions.assignments(in: view.tokens, range: statement.range))
    }

    /// `classify` with the statement's assignments found already.
    static func classify(_ declaration: NewDeclaration, _ occurrence: SeriesCode.PatchCode.Occurrence,
                         in view: CodeView, assignments: [CExpressions.Assignment]) -> NewDeclarations.Use {
        let statement = view.statements[occurrence.statement]
        // A macro's own #define, or a re-definition, is not a use.
        if declaration.kind == .macro, view.tokens[statement.range.lowerBound].inDirective,
           occurrence.token == statement.range.lowerBound + 2,
           view.tokens[statement.range.lowerBound + 1].isIdentifier("define") {
            return .unrelated
        }
        return NewDeclarations.use(of: declaration, at: occurrence.token, in: statement, of: view,
                                   assignments: assignments)
    }
}
