/// SYMBOLIC_PERMS — from the seed review: "I'd prefer octal perms here".
///
/// Reads the lexed post-image, so a combination split over two lines
/// (`S_IRUGO |` / `S_IWUSR`) is one finding with one value, and comments and strings
/// never match.
public struct SymbolicPermissionsRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "SYMBOLIC_PERMS",
        severity: .warning,
        scope: .line,
        summary: "Symbolic permission macros (S_IRUGO | S_IWUSR) where octal (0644) is preferred",
        rationale: """
            Octal permissions are what every kernel developer reads at a glance: 0444 is \
            read-only for everyone, 0644 adds owner write. The S_I* combinations have to be \
            decoded macro by macro and hide mistakes such as a world-writable S_IWUGO. \
            Maintainers (and checkpatch) ask for octal in new code.
            """,
        fix: "Replace the macro combination with its exact octal value, four digits (0644).",
        triggeringExamples: [
            RuleExample("""
                static bool __read_mostly enable_foo;
                ↓module_param(enable_foo, bool, S_IRUGO | S_IWUSR);
                """),
            RuleExample("↓debugfs_create_u64(\"hits\", S_IRUSR, dir, &hits);"),
            RuleExample("↓static DEVICE_ATTR(mode, S_IRUGO|S_IWUSR, mode_show, mode_store);"),
            RuleExample("↓module_param_named(ple_gap, ple_gap, uint, S_IRWXU | S_IRGRP);"),
            RuleExample("""
                module_param_named(foo, enable_foo, bool,
                ↓\t\t   S_IRUGO |
                \t\t   S_IWUSR);
                """),
            RuleExample("↓umode_t mode = S_IRUGO | 0200;"),
        ],
        nonTriggeringExamples: [
            RuleExample("module_param(enable_foo, bool, 0644);"),
            RuleExample("/* S_IRUGO was used here once */"),
            RuleExample("pr_info(\"mode S_IRUGO\\n\");"),
            RuleExample(diff: """
                 module_param(old_param, bool, S_IRUGO);
                +module_param(new_param, bool, 0444);
                """),
            RuleExample("if (S_ISREG(inode->i_mode))"),
            RuleExample("#define MY_S_IRUGO_LIKE 0444"),
        ])

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        for view in CodeView.views(of: patch, side: .new) {
            for group in Self.macroGroups(in: view.tokens) where view.isNew(group.lowerBound) {
                let text = CCallFinder.text(of: group, in: view.tokens)
                let value = group.reduce(0) { acc, i in
                    let t = view.tokens[i]
                    if let v = PermissionArguments.symbolicModes[t.text] { return acc | v }
                    return acc | (PermissionArguments.integer(t.text).value ?? 0)
                }
                let octal = PermissionArguments.octal(value)
                let line = view.diffLine(of: group.lowerBound)
                findings.report(Self.description, file: view.path, line: line.newNumber ?? 0,
                                "Symbolic permissions '\(text)' are not preferred. Consider using octal permissions '\(octal)'.",
                                suggestion: octal,
                                sourceLine: line.text, fixes: Self.fix(group, in: view, with: octal))
            }
        }
    }

    /// Maximal `OPERAND | OPERAND ...` runs with at least one permission macro, where
    /// an operand is a macro or an octal literal.
    static func macroGroups(in tokens: [CToken]) -> [Range<Int>] {
        func isOperand(_ t: CToken) -> Bool {
            if t.kind == .identifier {
                // Every permission macro is S_I... of 7 to 9 bytes (and only ASCII text
                // equals it): most identifiers are ruled out before hashing.
                let utf8 = t.text.utf8
                guard utf8.first == UInt8(ascii: "S"), (7...9).contains(utf8.count) else { return false }
                return PermissionArguments.symbolicModes[t.text] != nil
            }
            if t.kind == .number, case .octal = PermissionArguments.integer(t.text) { return true }
            return false
        }
        var groups: [Range<Int>] = []
        var i = 0
        while i < tokens.count {
            guard isOperand(tokens[i]) else {
                i += 1
                continue
            }
            var end = i + 1
            while end + 1 < tokens.count, tokens[end].isPunct("|"), isOperand(tokens[end + 1]) {
                end += 2
            }
            if tokens[i..<end].contains(where: { $0.kind == .identifier }) {
                groups.append(i..<end)
            }
            i = end
        }
        return groups
    }

    /// The edit replacing the group by its octal value, when the group is on one line
    /// (a group spread over lines is left to the author).
    static func fix(_ group: Range<Int>, in view: CodeView, with octal: String) -> [TextEdit] {
        let first = view.tokens[group.lowerBound], last = view.tokens[group.upperBound - 1]
        guard first.line == last.line else { return [] }
        let line = view.lines[first.line]
        return [TextEdit(file: view.path, line: line.newNumber ?? 0, original: line.text,
                         range: first.column..<(last.column + last.text.utf8.count), replacement: octal)]
    }
}
