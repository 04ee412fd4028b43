import Foundation
import MMUReference
import Yams

/// The bindings of rules/kvm-mmu-model.yml: which kernel names mean which model
/// variables and constants, where functions run in the model, and how witnesses word
/// configuration values.
public struct ModelBindings: Sendable {
    public struct VariableBinding: Sendable, Hashable {
        public enum Pattern: Sendable, Hashable {
            case global(String)
            /// Member-chain suffix, names outermost first.
            case member([String])
            case call(String)
        }
        public var pattern: Pattern
        public var model: ModelVariable
    }

    public struct ParameterBinding: Sendable, Hashable {
        public var model: ModelVariable
        public var names: [String]
        public var display: String
    }

    public var constants: [String: Int]
    public var transparentCalls: Set<String>
    public var variables: [VariableBinding]
    public var parameters: [ParameterBinding]
    /// (path prefix, module), in file order.
    public var modules: [(prefix: String, module: String)]
    public var events: [String: ModelEvent]
    public var witnessTerms: [ModelVariable: [Int: String]]

    public static let fileName = "kvm-mmu-model.yml"

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    struct File: Decodable {
        struct Variable: Decodable {
            var global: String?
            var member: String?
            var call: String?
            var model: String
        }
        struct Parameter: Decodable {
            var model: String
            var names: [String]
            var display: String?
        }
        struct Module: Decodable {
            var path: String
            var module: String
        }
        var constants: [String: Int]?
        var transparent_calls: [String]?
        var variables: [Variable]?
        var model_parameters: [Parameter]?
        var modules: [Module]?
        var events: [String: [String]]?
        var witness_terms: [String: [String: String]]?
    }

    /// Parses the YAML text of a bindings file; unknown model variables or events are errors.
    public static func parse(_ yaml: String) throws -> ModelBindings {
        let file = try YAMLDecoder().decode(File.self, from: yaml)
        func variable(_ name: String) throws -> ModelVariable {
            guard let v = ModelVariable(rawValue: name) else {
                throw LoadError(description: "unknown model variable '\(name)' (known: \(ModelVariable.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return v
        }
        var variables: [VariableBinding] = []
        for entry in file.variables ?? [] {
            let patterns = [entry.global.map { VariableBinding.Pattern.global($0) },
                            entry.member.map { .member(MemberPath.split($0)) },
                            entry.call.map { .call($0) }].compactMap { $0 }
            guard patterns.count == 1, let pattern = patterns.first else {
                throw LoadError(description: "a variable binding for '\(entry.model)' needs exactly one of global, member, call")
            }
            variables.append(VariableBinding(pattern: pattern, model: try variable(entry.model)))
        }
        var events: [String: ModelEvent] = [:]
        for (name, functions) in file.events ?? [:] {
            guard let event = ModelEvent(rawValue: name) else { throw LoadError(description: "unknown event '\(name)'") }
            for function in functions { events[function] = event }
        }
        var terms: [ModelVariable: [Int: String]] = [:]
        for (name, values) in file.witness_terms ?? [:] {
            let v = try variable(name)
            for (value, words) in values {
                guard let n = Int(value) else { throw LoadError(description: "witness term value '\(value)' of \(name) is not an integer") }
                terms[v, default: [:]][n] = words
            }
        }
        return ModelBindings(
            constants: file.constants ?? [:],
            transparentCalls: Set(file.transparent_calls ?? []),
            variables: variables,
            parameters: try (file.model_parameters ?? []).map {
                ParameterBinding(model: try variable($0.model), names: $0.names, display: $0.display ?? $0.names.first ?? $0.model)
            },
            modules: (file.modules ?? []).map { ($0.path, $0.module) },
            events: events,
            witnessTerms: terms)
    }

    /// Reads `kvm-mmu-model.yml` from a rules directory.
    public static func load(from directory: URL) throws -> ModelBindings {
        let url = directory.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw LoadError(description: "cannot read \(url.path)")
        }
        do { return try parse(text) } catch let e as LoadError { throw e } catch {
            throw LoadError(description: "\(url.path): \(error)")
        }
    }

    /// The bindings from the located rules directory (`RulesLocator`), or nil when none
    /// is found or it does not parse: semantic checks then answer "unknown".
    public static let standard: ModelBindings? = {
        guard let directory = RulesLocator.directory(containing: fileName) else { return nil }
        return try? load(from: directory)
    }()

    /// The module a file is built into (`kvm`, `kvm_intel`), if listed.
    public func module(ofPath path: String) -> String? {
        modules.first { path.hasPrefix($0.prefix) }?.module
    }
}

/// Member chains as name lists.
enum MemberPath {
    /// "vcpu->arch.mmu" -> ["vcpu", "arch", "mmu"].
    static func split(_ text: String) -> [String] {
        text.replacingOccurrences(of: "->", with: ".").split(separator: ".").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    /// Whether `suffix` is the tail of `path`, whole names only.
    static func has(_ path: [String], suffix: [String]) -> Bool {
        suffix.count <= path.count && Array(path.suffix(suffix.count)) == suffix
    }
}
