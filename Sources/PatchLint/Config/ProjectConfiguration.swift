import Foundation
import Yams

/// `.mmu-review.yml` at the repository root:
///
///     max_line_length: 100          # LONG_LINE limit (checkpatch --max-line-length)
///     disable: [LONG_LINE_STRING]   # like --ignore
///     enable: [SPACING, BRACES]     # like --types: only these run
///     severity:                     # per-rule overrides: note, warning, error
///       SUBJECT_PREFIX: note
///     include: ["arch/x86/kvm/**", "include/linux/kvm*"]   # path globs to review
///     exclude: ["tools/**"]
///     rules: [ci/mmu-rules]         # extra rule pack directories (relative to the file)
///
/// Unknown keys are errors, so that a typo does not silently do nothing.
public struct ProjectConfiguration: Sendable, Hashable {
    public static let fileName = ".mmu-review.yml"

    public var maxLineLength: Int?
    public var enable: [String] = []
    public var disable: [String] = []
    public var severities: [String: Severity] = [:]
    public var include: [String] = []
    public var exclude: [String] = []
    /// Rule pack directories, resolved against the configuration file's directory.
    public var ruleDirectories: [String] = []

    public init() {}

    static let knownKeys: Set<String> = ["max_line_length", "enable", "disable", "severity",
                                         "include", "exclude", "rules"]

    /// Parses the YAML text of a configuration file; `source` names it in errors.
    public static func parse(_ yaml: String, source: String = fileName,
                             baseDirectory: String? = nil) throws -> ProjectConfiguration {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw InputError("\(source): not valid YAML (\(error))")
        }
        var config = ProjectConfiguration()
        guard let node else { return config }  // an empty file
        guard let map = node.mapping else { throw InputError("\(source): expected a mapping at the top level") }
        for (keyNode, value) in map {
            guard let key = keyNode.string else { throw InputError("\(source): keys must be strings") }
            switch key {
            case "max_line_length":
                guard let n = value.int, n > 0 else {
                    throw InputError("\(source): max_line_length must be a positive integer")
                }
                config.maxLineLength = n
            case "enable": config.enable = try strings(value, key, source).map { $0.uppercased() }
            case "disable": config.disable = try strings(value, key, source).map { $0.uppercased() }
            case "include": config.include = try strings(value, key, source)
            case "exclude": config.exclude = try strings(value, key, source)
            case "rules":
                config.ruleDirectories = try strings(value, key, source).map { dir in
                    guard let base = baseDirectory, !dir.hasPrefix("/") else { return dir }
                    return URL(fileURLWithPath: base).appendingPathComponent(dir).path
                }
            case "severity":
                guard let levels = value.mapping else {
                    throw InputError("\(source): severity must map rule ids to note, warning or error")
                }
                for (idNode, levelNode) in levels {
                    guard let id = idNode.string, let raw = levelNode.string else {
                        throw InputError("\(source): severity must map rule ids to note, warning or error")
                    }
                    if raw.lowercased() == "off" {
                        config.disable.append(id.uppercased())
                        continue
                    }
                    guard let level = Severity(rawValue: raw.lowercased()) else {
                        throw InputError("\(source): severity of \(id) must be note, warning, error or off, not '\(raw)'")
                    }
                    config.severities[id.uppercased()] = level
                }
            default:
                let known = knownKeys.sorted().joined(separator: ", ")
                throw InputError("\(source): unknown key '\(key)' (known: \(known))")
            }
        }
        return config
    }

    private static func strings(_ node: Node, _ key: String, _ source: String) throws -> [String] {
        if let s = node.string { return [s] }
        guard let seq = node.sequence else { throw InputError("\(source): \(key) must be a list of strings") }
        return try seq.map {
            guard let s = $0.string else { throw InputError("\(source): \(key) must be a list of strings") }
            return s
        }
    }

    /// Reads `<root>/.mmu-review.yml`; nil when the file does not exist.
    public static func load(repositoryRoot root: String) throws -> ProjectConfiguration? {
        let path = URL(fileURLWithPath: root).appendingPathComponent(fileName).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read \(path)")
        }
        return try parse(String(decoding: data, as: UTF8.self), source: path, baseDirectory: root)
    }

    /// The options this configuration sets, on top of `options` (command-line flags
    /// applied afterwards win).
    public func applied(to options: ReviewOptions) -> ReviewOptions {
        var o = options
        if let maxLineLength { o.maxLineLength = maxLineLength }
        o.severityOverrides.merge(severities) { _, new in new }
        o.paths = PathFilter(include: o.paths.include + include.map(PathGlob.init),
                             exclude: o.paths.exclude + exclude.map(PathGlob.init))
        return o
    }

    /// The rule selection this configuration asks for; `--types` / `--ignore` from the
    /// command line are added to it (`--types` then decides, as in checkpatch).
    public var selection: RuleSelection {
        RuleSelection(types: enable, ignore: disable)
    }
}
