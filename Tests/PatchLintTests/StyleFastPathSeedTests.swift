import Testing
@testable import PatchLint

/// NewDeclarations.find looks up only the candidate names among the existing
/// identifiers; it must find what the full-set lookup finds.
@Suite("Style fast paths: new declarations")
struct StyleFastPathSeedTests {
    /// The lookup over the full set of existing identifiers (the former algorithm).
    static func referenceFind(_ views: [CodeView], _ oldViews: [CodeView]) -> [String] {
        let existing = NewDeclarations.existingNames(views: views, oldViews: oldViews)
        var found: [String] = []
        var seen: Set<String> = []
        for view in views {
            for statement in view.statements {
                for (kind, _, token) in NewDeclarations.declarations(in: statement, of: view) {
                    let name = view.tokens[token].text
                    guard view.isNew(token), !existing.contains(name), !CKeywords.all.contains(name),
                          seen.insert("\(kind.rawValue) \(name)").inserted else { continue }
                    found.append("\(kind.rawValue) \(name)")
                }
            }
        }
        return found
    }

    static let lines = [
        "static int old_name;", "static int new_one;", "int removed_name;", "int removed_name(void) { return 0; }",
        "#define NEW_MACRO 1", "#define OLD_MACRO 2", "struct foo { int a; };", "static bool kvm_flag;",
        "int x = old_name + new_one;", "static void helper(int a) { }", "enum e { E_A, E_B };", "u64 ab;",
    ]

    @Test("the same declarations as with the full set of existing identifiers")
    func sameDeclarations() {
        var rng = StyleFastPathCorpus.Generator(seed: 13)
        var nonEmpty = 0
        for _ in 0..<300 {
            let diff = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                ["+", "+", " ", "-"].randomElement(using: &rng)! + Self.lines.randomElement(using: &rng)!
            }.joined(separator: "\n")
            let patch = stylePatch(diff).patches[0]
            let views = CodeView.views(of: patch, side: .new)
            let oldViews = CodeView.views(of: patch, side: .old)
            let fast = NewDeclarations.find(in: views, oldViews: oldViews).map { "\($0.kind.rawValue) \($0.name)" }
            #expect(fast == Self.referenceFind(views, oldViews), "\(diff)")
            if !fast.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 50)
    }
}

extension StyleFastPathSeedTests {
    @Test("every permission macro passes the S_I / length gate of macroGroups")
    func permissionMacroGate() {
        for name in PermissionArguments.symbolicModes.keys {
            #expect(name.utf8.first == UInt8(ascii: "S") && (7...9).contains(name.utf8.count), "\(name)")
        }
        let tokens = CLexer.tokenize(["x = S_IRUGO | S_IWUSR | SOME_OTHER | 0644;"], keepComments: false)
        #expect(SymbolicPermissionsRule.macroGroups(in: tokens).count == 1)
    }
}
