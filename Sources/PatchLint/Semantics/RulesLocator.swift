import Foundation

/// Finds the rules/ directory at run time. Order: an explicit directory (`--rules DIR`,
/// set by the CLI through `override`), the MMU_REVIEW_RULES environment variable, `rules/`
/// next to the binary, `../share/mmu-review/rules` from the binary, and the package's own
/// rules/ (found from this file's #filePath, for tests and `swift run`).
///
/// The one place that knows where rules/ lives: rule packs (RulePackLoader), the model
/// bindings and the knob list all search through it.
public enum RulesLocator {
    /// Set once at start-up by the CLI (`--rules DIR`).
    nonisolated(unsafe) public static var override: URL?

    public static func candidates() -> [URL] {
        var out: [URL] = []
        if let override { out.append(override) }
        if let env = ProcessInfo.processInfo.environment["MMU_REVIEW_RULES"], !env.isEmpty {
            out.append(URL(fileURLWithPath: env))
        }
        return out + shippedCandidates()
    }

    /// Where the rules that ship with mmu-review are: next to the binary, in an
    /// installed share directory, or in the package (tests, `swift run`, .build/*).
    public static func shippedCandidates() -> [URL] {
        let binary = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        return [binary.appendingPathComponent("rules"),
                binary.deletingLastPathComponent().appendingPathComponent("share/mmu-review/rules"),
                packageRules]
    }

    /// The shipped rules directory (rule packs and model bindings), when one exists.
    public static func shippedDirectory() -> URL? {
        shippedCandidates().first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
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
