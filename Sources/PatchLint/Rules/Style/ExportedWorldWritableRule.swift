/// EXPORTED_WORLD_WRITABLE — checkpatch's type of the same name: an ERROR when a
/// permission argument of a sysfs/debugfs/procfs/module parameter creator is octal
/// with the "others write" bit, a WARNING for world-writable modes (octal or macro)
/// on any debugfs_create_*/DEVICE_ATTR line.
public struct ExportedWorldWritableRule: StyleLineRule {
    public init() {}
    public static let fileExtensions: Set<String>? = StyleFileTypes.c

    public static let description = RuleDescription(
        id: "EXPORTED_WORLD_WRITABLE",
        severity: .error,
        scope: .line,
        summary: "A sysfs, debugfs, procfs file or module parameter that every user may write",
        rationale: """
            A world-writable control file lets any unprivileged user change kernel state \
            (for KVM: knobs that every VM on the host depends on). It is almost never \
            intended; restrict writes to root (0644) or make it read-only (0444).
            """,
        fix: "Drop the write bit for others: 0666 -> 0644, 0222 -> 0200.",
        triggeringExamples: [
            RuleExample("↓module_param(halt_poll_ns, uint, 0666);"),
            RuleExample("↓\tdebugfs_create_file(\"mmu_stats\", 0666, dir, kvm, &fops);"),
            RuleExample("↓static DEVICE_ATTR(knob, S_IWUGO | S_IRUGO, knob_show, knob_store);"),
            RuleExample("""
                ↓\tdebugfs_create_u64("hits", 0622,
                \t\t\t   dir, &hits);
                """),
        ],
        nonTriggeringExamples: [
            RuleExample("module_param(halt_poll_ns, uint, 0644);"),
            RuleExample("\tdebugfs_create_file(\"mmu_stats\", 0444, dir, kvm, &fops);"),
            RuleExample("module_param(secret, bool, 0);"),
            RuleExample("\tpr_info(\"debugfs_create_file with 0666 in a string\\n\");"),
        ])

    /// Creator functions (name pattern) and the 1-based position of their mode argument.
    static let modeArguments: [(StyleRegex, Int)] = [
        (#"module_param"#, 3),
        (#"module_param_(?:array|named|string)"#, 4),
        (#"module_param_array_named"#, 5),
        (#"debugfs_create_(?:file|u8|u16|u32|u64|x8|x16|x32|x64|size_t|atomic_t|bool|blob|regset32|u32_array)"#, 2),
        (#"proc_create(?:_data)?"#, 2),
        (#"(?:CLASS|DEVICE|SENSOR|SENSOR_DEVICE|IIO_DEVICE)_ATTR"#, 2),
        (#"IIO_DEV_ATTR_[A-Z_]+"#, 1),
        (#"SENSOR_(?:DEVICE_)?ATTR_2"#, 2),
        (#"SENSOR_TEMPLATE(?:_2)?"#, 3),
        (#"__ATTR"#, 2),
    ].map { (StyleRegex(#"\b"# + $0.0 + #"\s*\("#), $0.1) }
    static let anyCreator = StyleRegex(#"\b(?:module_param|debugfs_create_|proc_create|[A-Z_]+_ATTR|IIO_DEV_ATTR_|SENSOR_TEMPLATE|__ATTR)"#)
    static let worldWritableOnLine = StyleRegex(#"(?:debugfs_create_\w+|DEVICE_ATTR).*\b(?:S_IWUGO|S_IWOTH|S_IRWXUGO|S_IALLUGO|0[0-7][0-7][2367])\b"#)
    static let octal = StyleRegex(#"^0[0-7]+[uUlL]{0,2}$"#)

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let s = line.sanitized
        // Every creator name contains one of these; on a plain line, a line without
        // any of them cannot match `anyCreator`.
        if let plain = line.plainSanitized, !(plain.contains("_ATTR") || plain.contains("module_param")
            || plain.contains("debugfs_create_") || plain.contains("proc_create")
            || plain.contains("SENSOR_TEMPLATE")) {
            return
        }
        guard Self.anyCreator.matches(s) else { return }
        let statement = Self.statement(from: line)
        for (function, position) in Self.modeArguments {
            for match in function.allMatches(statement) {
                let open = statement.index(statement.startIndex, offsetBy: match.offset + match.groups[0]!.count - 1)
                let args = Self.arguments(of: statement, openParen: open)
                guard args.count >= position else { continue }
                let value = args[position - 1].trimmingWhitespace()
                guard Self.octal.matches(value) else { continue }
                let digits = value.prefix { $0.isNumber }
                if let mode = Int(digits, radix: 8), mode & 0o2 != 0 {
                    let fixed = Self.fourDigitOctal(mode & ~0o2)
                    findings.report(Self.description, at: line,
                                    "Exporting writable files is usually an error. Consider more restrictive permissions.",
                                    suggestion: fixed)
                    return
                }
            }
        }
        if Self.worldWritableOnLine.matches(s) {
            findings.report(Self.description, at: line,
                            "Exporting world writable files is usually an error. Consider more restrictive permissions.",
                            severity: .warning)
        }
    }

    /// 0664, as permissions are written.
    static func fourDigitOctal(_ value: Int) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The sanitized statement starting at this line: following post-image lines are
    /// joined until the parentheses opened on this line close (at most 20 lines).
    static func statement(from line: StyleLine) -> String {
        var text = line.sanitized
        var depth = 0
        func balance(_ s: String) { for c in s { if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } } }
        balance(text)
        if depth > 0 {
            for next in line.following(20) {
                text += " " + next.sanitized
                balance(next.sanitized)
                if depth <= 0 { break }
            }
        }
        return text
    }

    /// Top-level comma-separated arguments of the call whose `(` is at `open`.
    static func arguments(of text: String, openParen open: String.Index) -> [String] {
        var args: [String] = []
        var current = ""
        var depth = 0
        var i = text.index(after: open)
        while i < text.endIndex {
            let c = text[i]
            if c == "(" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == "]" || c == "}" {
                if depth == 0 { args.append(current); return args }
                depth -= 1
            }
            if c == "," && depth == 0 { args.append(current); current = "" } else { current.append(c) }
            i = text.index(after: i)
        }
        args.append(current)
        return args
    }
}
