/// NON_OCTAL_PERMISSIONS — checkpatch's ERROR of the same name: a permission argument
/// written in decimal, or in octal with other than four digits.
public struct NonOctalPermissionsRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "NON_OCTAL_PERMISSIONS",
        severity: .error,
        scope: .line,
        summary: "Decimal or non-4-digit octal permissions passed to module_param*, debugfs_create_*, *_ATTR*",
        rationale: """
            File modes are octal by nature: `644` in C is the decimal number 644 (octal \
            01204), which sets the sticky and other odd bits, and `420` is 0644 in disguise. \
            Kernel code writes modes as four-digit octal so that nobody has to convert.
            """,
        fix: """
            Write the mode as four-digit octal. When the literal's value is a valid mode and \
            its digits are not also a plausible octal mode, the value is converted exactly \
            (438 -> 0666); a decimal literal whose digits read as a mode (644) is taken as the \
            octal the author meant (0644); an octal literal of the wrong width is padded or \
            trimmed (044 -> 0044). When both readings are plausible (420: 0644 or 0420) both \
            are named and no single fix is offered.
            """,
        triggeringExamples: [
            RuleExample("↓module_param(nx_huge_pages, bool, 644);"),
            RuleExample("↓debugfs_create_u32(\"count\", 420, dir, &count);"),
            RuleExample("↓static DEVICE_ATTR(mode, 044, mode_show, NULL);"),
            RuleExample("""
                module_param_named(halt_poll, halt_poll_ns,
                ↓\t\t   uint, 438);
                """),
        ],
        nonTriggeringExamples: [
            RuleExample("module_param(nx_huge_pages, bool, 0644);"),
            RuleExample("module_param(internal_only, bool, 0);"),
            RuleExample("debugfs_create_u32(\"count\", mode, dir, &count);"),
            RuleExample("debugfs_create_dir(\"kvm\", NULL);"),
            RuleExample("foo(\"x\", 644);"),
            RuleExample(diff: """
                 module_param(old_param, bool, 644);
                +int unrelated;
                """),
        ])

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        for view in CodeView.views(of: patch, side: .new) {
            for call in CCallFinder.calls(in: view.tokens) {
                guard let position = PermissionArguments.modePosition(of: call.name),
                      position <= call.arguments.count else { continue }
                let argument = call.arguments[position - 1]
                guard argument.count == 1, view.isNew(argument.lowerBound) else { continue }
                let literal = view.tokens[argument.lowerBound]
                guard literal.kind == .number,
                      let (message, suggestion) = Self.verdict(on: literal.text, callee: call.name)
                else { continue }
                let line = view.diffLine(of: argument.lowerBound)
                let fixes = suggestion.map {
                    [TextEdit(file: view.path, line: line.newNumber ?? 0, original: line.text,
                              range: literal.column..<(literal.column + literal.text.utf8.count),
                              replacement: $0)]
                } ?? []
                findings.report(Self.description, file: view.path, line: line.newNumber ?? 0,
                                message, suggestion: suggestion, sourceLine: line.text, fixes: fixes)
            }
        }
    }

    /// The message and exact fix for a mode literal, or nil when it is fine.
    static func verdict(on text: String, callee: String) -> (String, String?)? {
        let lead = "Use 4 digit octal (0777) not decimal permissions"
        switch PermissionArguments.integer(text) {
        case .decimal(_, let value):
            // 0 means "no sysfs/proc entry" for these two families.
            if value == 0, callee.hasPrefix("module_param") || callee.hasPrefix("proc_create") {
                return nil
            }
            let asValue = value <= 0o7777 ? PermissionArguments.octal(value) : nil
            let asDigits = Int(text, radix: 8).flatMap { $0 <= 0o7777 ? PermissionArguments.octal($0) : nil }
            switch (asValue, asDigits) {
            case let (v?, d?) where v != d && value <= 0o777 && Int(text, radix: 8)! <= 0o777:
                return ("\(lead): decimal \(text) is \(v); if \(d) was meant, write that", nil)
            case let (v?, _) where value <= 0o777:
                return ("\(lead): decimal \(text) is \(v)", v)
            case let (_, d?):
                return ("\(lead): '\(text)' is decimal; the octal mode meant is \(d)", d)
            case let (v?, nil):
                return ("\(lead): decimal \(text) is \(v)", v)
            case (nil, nil):
                return ("\(lead): '\(text)' is not a valid mode", nil)
            }
        case .octal(_, let value):
            guard text.count != 4 else { return nil }
            guard value <= 0o7777 else { return ("\(lead): '\(text)' is not a valid mode", nil) }
            let fixed = PermissionArguments.octal(value)
            return ("\(lead): write '\(text)' as \(fixed)", fixed)
        case .symbolic, .other:
            return nil
        }
    }
}
