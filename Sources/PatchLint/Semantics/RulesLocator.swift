import Foundation

/// Finds the rules/ directory at run time. Order: an explicit directory (`--rules DIR`,
/// set by the CLI through `override`), the MMU_REVIEW_RULES environment variable, `rules/`
/// next to the binary, `../share/mmu-review/rules` from the binary, and the package's own
/// rules/ (found from this file's #filePath, for tests and `swift run`).
///
/// Semantics-local on purpose: when the CLI's `--rules` and config loading land, the lead
/// can point `override` at that directory or replace this type with the shared locator.
public enum RulesLocator {
    /// Set once at start-up by the CLI (`--rules DIR`).
    nonisolated(unsafe) public static var override: URL?

    public static func candidates() -> [URL] {
        var out: [URL] = []
        if let override { out.append(override) }
        if let env = ProcessInfo.processInfo.environment["MMU_REVIEW_RULES"], !env.isEmpty {
            out.append(URL(fileURLWithPath: env))
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        out.append(binary.appendingPathComponent("rules"))
        out.append(binary.deletingLastPathComponent().appendingPathComponent("share/mmu-review/rules"))
        out.append(packageRules)
        return out
    }

    /// Sources/PatchLint/Semantics/RulesLocator.swift -> <package>/rules.
    public static var packageRules: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root.appendingPathComponent("rules")
    }

    /// The first candidate holding `file`.
    public static func directory(containing file: String) -> URL? {
        candidates().first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(file).path) }
    }
}
