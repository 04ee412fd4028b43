/// The file-scope things a patch introduces — struct members, globals, macros and
/// functions — found in its added (not moved) lines, and how later code refers to them.
struct NewDeclaration {
    enum Kind: String {
        case member = "struct member"
        case global = "global"
        case macro = "macro"
        case function = "function"
    }

    var kind: Kind
    var name: String
    /// `struct kvm_arch` for members, empty otherwise.
    var container: String
    var path: String
    var line: DiffLine
    var view: Int
    var token: Int
}

enum NewDeclarations {
    /// Declarations added by a patch whose name the patch's context and removed lines
    /// never show (so a changed definition or a re-declaration is not "new").
    static func find(in views: [CodeView], oldViews: [CodeView]) -> [NewDeclaration] {
        find(in: views) { names in existingNames(among: names, views: views, oldViews: oldViews) }
    }

    /// `find(in:oldViews:)` for the post-image views of `patch`, lexing of its pre-image
    /// only the hunks that spell a name it declares (`PreImageNames`): most patches
    /// declare nothing, and lexing the pre-image is the costly part.
    static func find(in views: [CodeView], of patch: Patch) -> [NewDeclaration] {
        find(in: views) { names in
            PreImageNames.identifiers(among: names, in: patch)
                .union(existingNames(among: names, views: views, oldViews: []))
        }
    }

    /// `find(in:of:)` for the patch's own post-image views, computed once per patch
    /// (NAME_COLLISION and INTRODUCED_BEFORE_USE both ask).
    static func find(in patch: Patch) -> [NewDeclaration] {
        patch.derived.newDeclarations {
            find(in: CodeView.views(of: patch, side: .new), of: patch)
        }
    }

    /// The declarations of `views` whose names `existing` (given the candidate names)
    /// does not return.
    static func find(in views: [CodeView], existing: (Set<String>) -> Set<String>) -> [NewDeclaration] {
        var candidates: [(kind: NewDeclaration.Kind, container: String, view: Int, token: Int)] = []
        for (v, view) in views.enumerated() {
            for (s, statement) in view.statements.enumerated() {
                for (kind, container, token) in declarations(in: statement, at: s, of: view)
                where view.isNew(token) && !CKeywords.all.contains(view.tokens[token].text) {
                    candidates.append((kind, container, v, token))
                }
            }
        }
        guard !candidates.isEmpty else { return [] }
        let existing = existing(Set(candidates.map { views[$0.view].tokens[$0.token].text }))
        var found: [NewDeclaration] = []
        var seen: Set<String> = []
        for candidate in candidates {
            let view = views[candidate.view]
            let name = view.tokens[candidate.token].text
            guard !existing.contains(name), seen.insert("\(candidate.kind.rawValue) \(name)").inserted
            else { continue }
            found.append(NewDeclaration(kind: candidate.kind, name: name, container: candidate.container,
                                        path: view.path, line: view.diffLine(of: candidate.token),
                                        view: candidate.view, token: candidate.token))
        }
        return found
    }

    /// The names of `names` that `existingNames(views:oldViews:)` would contain, without
    /// building the set of every identifier.
    static func existingNames(among names: Set<String>, views: [CodeView], oldViews: [CodeView]) -> Set<String> {
        var existing: Set<String> = []
        let filter = NameFilter(names)
        @inline(__always) func isName(_ t: CToken) -> Bool { t.kind == .identifier && filter.contains(t.text) }
        for view in oldViews {
            for t in view.tokens where isName(t) {
                existing.insert(t.text)
                if existing.count == names.count { return existing }
            }
        }
        for view in views {
            for (i, t) in view.tokens.enumerated() where isName(t) && !view.isChanged(i) {
                existing.insert(t.text)
                if existing.count == names.count { return existing }
            }
        }
        return existing
    }

    /// Identifiers the code already had, as far as the patch shows it: everything on
    /// removed and context lines.
    static func existingNames(views: [CodeView], oldViews: [CodeView]) -> Set<String> {
        var existing: Set<String> = []
        for view in oldViews { for t in view.tokens where t.kind == .identifier { existing.insert(t.text) } }
        for view in views {
            for (i, t) in view.tokens.enumerated() where t.kind == .identifier && !view.isChanged(i) {
                existing.insert(t.text)
            }
        }
        return existing
    }

    /// What one statement declares: (kind, container, name token).
    static func declarations(in statement: CStatement, of view: CodeView)
        -> [(NewDeclaration.Kind, String, Int)] {
        declarations(in: statement, at: view.statements.firstIndex(of: statement), of: view)
    }

    /// `declarations(in:of:)` for the statement at `index` in `view.statements`
    /// (nil when it is not there), so that no search for it is needed.
    static func declarations(in statement: CStatement, at index: Int?, of view: CodeView)
        -> [(NewDeclaration.Kind, String, Int)] {
        let tokens = view.tokens
        let range = statement.range
        guard let first = range.first else { return [] }
        if tokens[first].inDirective {
            // # define NAME ...
            guard range.count >= 3, tokens[first + 1].isIdentifier("define"),
                  tokens[first + 2].kind == .identifier else { return [] }
            // An empty `#define __KVM_HAVE_FOO` is a feature flag that existing code
            // tests with #ifdef; only macros with a body are values or helpers.
            var body = first + 3
            if body < range.upperBound, tokens[body].isPunct("("),
               tokens[body].column == tokens[first + 2].column + tokens[first + 2].text.utf8.count {
                while body < range.upperBound, !tokens[body].isPunct(")") { body += 1 }
                body += 1
            }
            guard body < range.upperBound else { return [] }
            // `#define pmd_leaf pmd_leaf` announces an arch override to #ifndef tests.
            if body + 1 == range.upperBound, tokens[body].text == tokens[first + 2].text { return [] }
            return [(.macro, "", first + 2)]
        }
        let last = tokens[range.upperBound - 1]
        if let aggregate = statement.aggregate {
            // Anonymous aggregates and packed ones mirror a layout (hardware, ABI):
            // their members exist to hold a place, not to be read.
            guard aggregate.keyword != "enum", !aggregate.name.isEmpty, last.isPunct(";"),
                  !isPacked(statement, at: index, in: view) else { return [] }
            let container = "\(aggregate.keyword) \(aggregate.name)"
            return declaratorNames(tokens, range.lowerBound..<(range.upperBound - 1))
                .filter { !isPlaceholder(tokens[$0].text) }
                .map { (.member, container, $0) }
        }
        guard statement.isFileScope else { return [] }
        // Globals and functions with external linkage may have readers the patch does
        // not show: an arch hook that generic code already calls, a symbol an existing
        // header declares. Only `static` ones must be read in their own file.
        guard tokens[range].contains(where: { $0.isIdentifier("static") }) else { return [] }
        if last.isPunct("{") {
            let head = Array(tokens[range.lowerBound..<(range.upperBound - 1)])
            guard CStatementSplitter.functionName(in: head) != nil,
                  let open = head.firstIndex(where: { $0.isPunct("(") }) else { return [] }
            return [(.function, "", range.lowerBound + open - 1)]
        }
        guard last.isPunct(";"), !tokens[first].isIdentifier("typedef") else { return [] }
        return declaratorNames(tokens, range.lowerBound..<(range.upperBound - 1)).map { (.global, "", $0) }
    }

    /// Layout fillers: reserved1, __pad, rsvd, unused2.
    static func isPlaceholder(_ name: String) -> Bool {
        let bare = name.drop { $0 == "_" }.lowercased()
        return ["reserved", "rsvd", "pad", "padding", "unused", "dummy", "spare"].contains {
            bare.hasPrefix($0)
        }
    }

    /// True when the struct holding `statement` is closed in the view by
    /// `} __packed;` or `} __attribute__((packed));`.
    static func isPacked(_ statement: CStatement, in view: CodeView) -> Bool {
        isPacked(statement, at: view.statements.firstIndex(of: statement), in: view)
    }

    /// `isPacked(_:in:)` for the statement at `index` in `view.statements`.
    static func isPacked(_ statement: CStatement, at index: Int?, in view: CodeView) -> Bool {
        guard let index else { return false }
        let depth = statement.depth
        for s in (index + 1)..<view.statements.count {
            let candidate = view.statements[s]
            guard candidate.depth < depth else { continue }
            // The first statement back at the outer depth is the closing brace.
            guard view.tokens[candidate.range.lowerBound].isPunct("}"), s + 1 < view.statements.count
            else { return false }
            let next = view.statements[s + 1].range
            return view.tokens[next].prefix(6).contains {
                $0.isIdentifier("__packed") || $0.isIdentifier("packed")
            }
        }
        return false
    }

    /// The names a declaration declares (`int a, b[4], (*fn)(void)` -> a, b, fn).
    /// Prototypes and macro invocations (`LIST_HEAD(x)`) declare nothing here.
    static func declaratorNames(_ tokens: [CToken], _ range: Range<Int>) -> [Int] {
        guard range.count >= 2 else { return [] }
        // `struct foo;` and `struct foo { ... }` heads declare a type, not an object.
        var parts: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        for i in range {
            let t = tokens[i]
            if t.isPunct("(") || t.isPunct("[") || t.isPunct("{") { depth += 1 }
            if t.isPunct(")") || t.isPunct("]") || t.isPunct("}") { depth -= 1 }
            if t.isPunct(","), depth == 0 {
                parts.append(start..<i)
                start = i + 1
            }
        }
        parts.append(start..<range.upperBound)
        var names: [Int] = []
        for (p, part) in parts.enumerated() {
            // A function pointer: ( * name )
            if let star = part.first(where: { tokens[$0].isPunct("*") && $0 > part.lowerBound
                && tokens[$0 - 1].isPunct("(") }), star + 2 < part.upperBound,
               tokens[star + 1].kind == .identifier, tokens[star + 2].isPunct(")") {
                names.append(star + 1)
                continue
            }
            var end = part.upperBound
            if let cut = part.first(where: {
                tokens[$0].isPunct("[") || tokens[$0].isPunct("=") || tokens[$0].isPunct(":")
                    || tokens[$0].isPunct("(")
            }) {
                // A `(` that comes before any `=` makes a prototype or a macro call.
                if tokens[cut].isPunct("("),
                   !(cut > part.lowerBound && tokens[cut - 1].kind == .identifier
                     && tokens[cut - 1].text.hasPrefix("__")) {
                    return []
                }
                end = cut
            }
            var candidates = part.lowerBound..<end
            while let lastIndex = candidates.last, tokens[lastIndex].kind == .identifier,
                  tokens[lastIndex].text.hasPrefix("__"), candidates.count > 1 {
                candidates = candidates.lowerBound..<lastIndex
            }
            guard let name = candidates.last, tokens[name].kind == .identifier,
                  !CKeywords.all.contains(tokens[name].text) else { continue }
            // The first declarator needs a type before it; later ones do not.
            if p == 0 {
                let before = tokens[part.lowerBound..<name]
                guard !before.isEmpty else { continue }
                if before.count == 1, ["struct", "union", "enum"].contains(before.first!.text) { continue }
            }
            names.append(name)
        }
        return names
    }

    /// How an occurrence of a declared name is used.
    enum Use {
        case read, write, unrelated
    }

    /// Classifies the identifier at `i` (same name as `declaration`) in `statement`.
    static func use(of declaration: NewDeclaration, at i: Int, in statement: CStatement,
                    of view: CodeView, assignments: [CExpressions.Assignment]) -> Use {
        let tokens = view.tokens
        let isMember = CExpressions.isMemberAccess(tokens, i)
        switch declaration.kind {
        case .member:
            guard isMember else {
                return isMacroArgument(view.tokens, i) ? .read : .unrelated
            }
        case .global:
            guard !isMember else { return .unrelated }
        case .function, .macro:
            return isMember ? .unrelated : .read
        }
        // `{ .field = value }` designated initializers write the member.
        if isMember, i >= 1, tokens[i - 1].isPunct("."),
           i >= 2, tokens[i - 2].isPunct("{") || tokens[i - 2].isPunct(","),
           i + 1 < tokens.count, tokens[i + 1].isPunct("=") {
            return .write
        }
        if assignments.contains(where: { $0.target == i }) { return .write }
        return .read
    }

    /// True when the identifier at `i` is a whole argument of an upper-case macro
    /// (`KVM_X86_OP(set_vnmi_pending)`): the macro may read the member by token pasting.
    static func isMacroArgument(_ tokens: [CToken], _ i: Int) -> Bool {
        guard i >= 2, i + 1 < tokens.count,
              tokens[i - 1].isPunct("(") || tokens[i - 1].isPunct(","),
              tokens[i + 1].isPunct(")") || tokens[i + 1].isPunct(",") else { return false }
        var depth = 0
        var j = i - 1
        while j >= 0 {
            if tokens[j].isPunct(")") { depth += 1 }
            if tokens[j].isPunct("(") {
                if depth == 0 { break }
                depth -= 1
            }
            j -= 1
        }
        guard j >= 1, tokens[j - 1].kind == .identifier else { return false }
        let name = tokens[j - 1].text
        return name.contains { $0.isUppercase } && !name.contains { $0.isLowercase }
    }
}
