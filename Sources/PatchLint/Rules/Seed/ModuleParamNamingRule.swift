/// MODULE_PARAM_NAMING — from the seed review: "To match other x86 module params, use
/// "direct_mmu" for the param name and "enable_direct_mmu" for the variable."
///
/// The x86/KVM convention for boolean feature switches is
/// `module_param_named(ept, enable_ept, bool, 0444)`: user space sees the bare feature
/// name (`kvm_intel.ept=0`), the C variable is `enable_<feature>`.
public struct ModuleParamNamingRule: PatchRule {
    public init() {}

    public static let description = RuleDescription(
        id: "MODULE_PARAM_NAMING",
        severity: .warning,
        scope: .line,
        summary: "A boolean module parameter named against the x86/KVM convention (name: feature, variable: enable_feature)",
        rationale: """
            Users and scripts set KVM's switches as kvm_intel.ept=0, kvm_amd.npt=0: the \
            parameter is the bare feature name. In C the variable reads as a verb, \
            enable_ept, so that `if (enable_ept)` is self-explanatory. A parameter called \
            enable_x backed by a variable x_enabled inverts both halves and makes the new \
            switch the odd one out on the command line.
            """,
        fix: """
            Name the parameter after the feature and the variable enable_<feature>: \
            module_param_named(direct_mmu, enable_direct_mmu, bool, 0444) (rename the \
            variable's definition and uses too). The mode shown is read-only unless the \
            original was read-only already; keep a writable mode only if run-time changes \
            are really supported.
            """,
        triggeringExamples: [
            RuleExample("""
                static bool __read_mostly direct_mmu_enabled;
                ↓module_param_named(enable_direct_mmu, direct_mmu_enabled, bool,
                \t\t   0644);
                """),
            RuleExample("↓module_param_named(enable_foo, enable_foo, bool, 0444);"),
            RuleExample("↓module_param_named(foo_enabled, foo_enabled, bool, 0444);"),
        ],
        nonTriggeringExamples: [
            RuleExample("module_param_named(ept, enable_ept, bool, 0444);"),
            RuleExample("module_param_named(ple_gap, ple_gap, uint, 0444);"),
            RuleExample("module_param_named(halt_poll_ns, halt_poll_ns_enabled, uint, 0644);"),
            RuleExample("module_param(enable_vmware_backdoor, bool, 0444);"),
            RuleExample("module_param_named(npt, npt_enabled, bool, 0444);"),
            RuleExample("module_param_named(eptad, enable_ept_ad_bits, bool, 0444);"),
            RuleExample(diff: """
                 module_param_named(enable_old, old_enabled, bool, 0444);
                +static int unrelated;
                """),
        ])

    public func check(_ patch: Patch, context: ReviewContext, into findings: inout Findings) {
        for view in CodeView.views(of: patch, side: .new) {
            for statement in view.statements {
                guard let line = view.reportLine(for: statement) else { continue }
                for call in CCallFinder.calls(in: view.tokens, range: statement.range)
                where call.name == "module_param_named" && call.arguments.count == 4 {
                    let args = call.arguments.map { CCallFinder.text(of: $0, in: view.tokens) }
                    guard args[2] == "bool" || args[2] == "invbool",
                          let fixed = Self.conventional(name: args[0], variable: args[1]) else { continue }
                    let mode = PermissionArguments.mode(of: view.tokens[call.arguments[3]])
                    let octalMode = mode.isWritable || mode.value == nil
                        ? "0444" : PermissionArguments.octal(mode.value!)
                    let suggestion = "module_param_named(\(fixed.name), \(fixed.variable), \(args[2]), \(octalMode))"
                    findings.report(
                        Self.description, file: view.path, line: line.newNumber ?? 0,
                        "Module parameter '\(args[0])' backed by '\(args[1])' does not follow the x86 convention: name the parameter '\(fixed.name)' and the variable '\(fixed.variable)'",
                        suggestion: suggestion, sourceLine: line.text,
                        fixes: Self.renames(in: patch, call: call, view: view, from: (args[0], args[1]), to: fixed))
                }
            }
        }
    }

    /// The exact fix: the parameter's name in the call, and the variable everywhere the
    /// patch uses it in that file (a module parameter's variable is file-scoped; a
    /// member of the same name, after `.` or `->`, is another entity). Only when the
    /// rename is complete within the patch: the variable must appear on added lines
    /// only (declared by this patch), the new name nowhere, and the name argument must
    /// be a single identifier on an added line. Otherwise no fix (a partial rename
    /// would not compile).
    static func renames(in patch: Patch, call: CCall, view: CodeView,
                        from old: (name: String, variable: String),
                        to new: (name: String, variable: String)) -> [TextEdit] {
        let nameTokens = call.arguments[0]
        guard nameTokens.count == 1, view.tokens[nameTokens.lowerBound].kind == .identifier,
              view.diffLine(of: nameTokens.lowerBound).kind == .added else { return [] }
        var edits: [TextEdit] = []
        func edit(_ view: CodeView, _ index: Int, _ replacement: String) {
            let token = view.tokens[index]
            let line = view.diffLine(of: index)
            edits.append(TextEdit(file: view.path, line: line.newNumber ?? 0, original: line.text,
                                  range: token.column..<(token.column + token.text.utf8.count),
                                  replacement: replacement))
        }
        edit(view, nameTokens.lowerBound, new.name)
        guard old.variable != new.variable else { return edits }
        let views = (CodeView.views(of: patch, side: .new) + CodeView.views(of: patch, side: .old))
            .filter { $0.path == view.path }
        for other in views {
            for (index, token) in other.tokens.enumerated() where token.kind == .identifier {
                if index > 0, other.tokens[index - 1].isPunct(".") || other.tokens[index - 1].isPunct("->") {
                    continue  // a struct member, not the variable
                }
                // The new name is taken (the call's own name argument, renamed above, aside).
                if token.text == new.variable,
                   !(other.side == view.side && other.lines == view.lines && index == nameTokens.lowerBound) {
                    return []
                }
                guard token.text == old.variable else { continue }
                guard other.side == .new, other.diffLine(of: index).kind == .added else { return [] }
                edit(other, index, new.variable)
            }
        }
        return edits
    }

    /// The conventional (name, variable) pair, or nil when the call already follows it.
    ///
    /// Only a parameter whose user-visible name carries the enable wording (enable_x,
    /// x_enabled) is flagged: that is what users type and what makes the switch the odd
    /// one out. A well-named parameter backed by an `x_enabled` variable is left alone;
    /// KVM itself has several (npt_enabled, tdp_mmu_enabled).
    static func conventional(name: String, variable: String) -> (name: String, variable: String)? {
        guard let feature = self.feature(of: name), !feature.isEmpty else { return nil }
        return (feature, "enable_" + feature)
    }

    /// The feature an enable-style identifier names: enable_x, x_enabled, x_enable -> x.
    static func feature(of identifier: String) -> String? {
        for prefix in ["enable_"] where identifier.hasPrefix(prefix) && identifier.count > prefix.count {
            return String(identifier.dropFirst(prefix.count))
        }
        for suffix in ["_enabled", "_enable"] where identifier.hasSuffix(suffix) && identifier.count > suffix.count {
            return String(identifier.dropLast(suffix.count))
        }
        return nil
    }
}
