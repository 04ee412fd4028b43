/// The flat registry of rule codes (Ruff-style): every rule mmu-review knows, in
/// the order `rules` lists them.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        // Seed review rules (Rules/Seed/).
        SymbolicPermissionsRule.self,
        NonOctalPermissionsRule.self,
        ModuleParamNamingRule.self,
        WritableModuleParamRule.self,
        UserTriggerableWarnRule.self,
        IntroducedBeforeUseRule.self,
        AvoidBugRule.self,
        CodeMovementRule.self,
        NameCollisionRule.self,
        // End of seed review rules.
        TrailingWhitespaceRule.self,
        MissingSignOffRule.self,
    ]

    public static func rule(id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id.uppercased() }
    }
}
