import Foundation
import Yams

/// Kernel variables that module parameters decide (`tdp_enabled` follows kvm_intel.ept
/// and kvm_amd.npt), read from the data file `rules/bindings/kvm-knobs.yml`.
public struct KVMKnobs: Sendable, Hashable {
    public struct Knob: Sendable, Hashable, Codable {
        public var name: String
        public var setBy: [String]
        public var writable: Bool?
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case name, setBy = "set_by", writable, note
        }
    }

    struct File: Codable {
        var knobs: [Knob]
    }

    public var knobs: [Knob]

    public init(knobs: [Knob]) {
        self.knobs = knobs
    }

    public func knob(named name: String) -> Knob? { knobs.first { $0.name == name } }

    /// Parses the YAML text of a knobs file.
    public static func parse(_ yaml: String) throws -> KVMKnobs {
        KVMKnobs(knobs: try YAMLDecoder().decode(File.self, from: yaml).knobs)
    }

    public static let relativePath = "bindings/kvm-knobs.yml"

    /// The knobs shipped with mmu-review: `rules/bindings/kvm-knobs.yml` next to the
    /// binary, in the installed share directory, or in the source tree this library
    /// was built from. Empty when none is found (the rules then know only the module
    /// parameters they see in the series).
    public static let standard: KVMKnobs = {
        for directory in rulesDirectoryCandidates() {
            if let knobs = try? load(fromRulesDirectory: directory) { return knobs }
        }
        return KVMKnobs(knobs: [])
    }()

    /// The knobs of a rules directory (`DIR/bindings/kvm-knobs.yml`), nil when it has
    /// none; throws when the file is there but malformed.
    public static func load(fromRulesDirectory directory: URL) throws -> KVMKnobs? {
        let url = directory.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try parse(String(contentsOf: url, encoding: .utf8))
    }

    /// Where rules/ may be: the same search as the model bindings (`RulesLocator`).
    static func rulesDirectoryCandidates() -> [URL] {
        RulesLocator.candidates()
    }
}
