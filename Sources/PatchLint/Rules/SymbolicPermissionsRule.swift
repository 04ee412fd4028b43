/// SYMBOLIC_PERMS — from the seed review: "I'd prefer octal perms here".
public struct SymbolicPermissionsRule: LineRule {
    public init() {}

    /// The permission macros of include/linux/stat.h and include/uapi/linux/stat.h
    /// that checkpatch objects to, with their octal values.
    static let modes: [String: Int] = [
        "S_IRWXUGO": 0o777, "S_IRUGO": 0o444, "S_IWUGO": 0o222, "S_IXUGO": 0o111,
        "S_IRWXU": 0o700, "S_IRUSR": 0o400, "S_IWUSR": 0o200, "S_IXUSR": 0o100,
        "S_IRWXG": 0o070, "S_IRGRP": 0o040, "S_IWGRP": 0o020, "S_IXGRP": 0o010,
        "S_IRWXO": 0o007, "S_IROTH": 0o004, "S_IWOTH": 0o002, "S_IXOTH": 0o001,
    ]

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
        ])

    public func check(_ line: LineContext, into findings: inout Findings) {
        let text = line.text
        guard text.contains("S_I") else { return }
        for group in Self.macroGroups(in: CodeScrubber.scrub(text), original: text) {
            let octal = Self.octal(group.value)
            let fix = TextEdit(file: line.path, line: line.number, original: text,
                               range: group.byteRange, replacement: octal)
            findings.report(Self.description, at: line,
                            "Symbolic permissions '\(group.text)' are not preferred. Consider using octal permissions '\(octal)'.",
                            suggestion: octal, fixes: [fix])
        }
    }

    /// Four-digit octal as checkpatch prints it.
    static func octal(_ value: Int) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    struct Group {
        var text: String
        var value: Int
        /// Where the group stands in the line, in UTF-8 bytes (the scrubbed line has
        /// the same characters outside comments and strings, so the same offsets).
        var byteRange: Range<Int>
    }

    /// Maximal `MACRO | MACRO | ...` runs of permission macros in a scrubbed line.
    /// `text` is the scrubbed line, `original` the line itself (same characters
    /// outside comments and strings; offsets are computed on the original).
    static func macroGroups(in text: String, original: String) -> [Group] {
        var groups: [Group] = []
        let chars = Array(text)
        let originalChars = Array(original)
        var i = 0
        func identifier(at start: Int) -> (String, Int)? {
            guard start < chars.count, chars[start].isLetter || chars[start] == "_" else { return nil }
            if start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" {
                return nil
            }
            var end = start
            while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
            return (String(chars[start..<end]), end)
        }
        while i < chars.count {
            guard let (name, end) = identifier(at: i), let value = modes[name] else {
                i += 1
                continue
            }
            var total = value
            var groupEnd = end
            var scan = end
            while true {
                var j = scan
                while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
                guard j < chars.count, chars[j] == "|" else { break }
                j += 1
                while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
                guard let (next, nextEnd) = identifier(at: j), let v = modes[next] else { break }
                total |= v
                groupEnd = nextEnd
                scan = nextEnd
            }
            let start = String(originalChars[..<i]).utf8.count
            let text = String(chars[i..<groupEnd])
            groups.append(Group(text: text, value: total, byteRange: start..<(start + text.utf8.count)))
            i = groupEnd
        }
        return groups
    }
}
