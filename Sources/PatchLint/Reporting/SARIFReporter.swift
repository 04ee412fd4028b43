/// SARIF 2.1.0 as GitHub code scanning accepts it: `tool.driver.rules` from the
/// rules' own metadata, results with ruleId, level and one physical location.
///
/// Code scanning rejects a result without a location, so a commit-level finding
/// points at line 1 of the first file the commit touches, and says which commit it
/// is about; the commit id is also in `properties.commit`.
public struct SARIFReporter: Reporter {
    public var rules: [RuleDescription]
    public var toolVersion: String

    public init(rules: [RuleDescription], toolVersion: String) {
        self.rules = rules
        self.toolVersion = toolVersion
    }

    public func render(_ report: ReviewReport) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let driverRules: [JSONWriter.Value] = rules.map { rule in
            var help = rule.rationale
            if let fix = rule.fix { help += "\n\nFix: " + fix }
            return .object([
                ("id", .string(rule.id)),
                ("name", .string(Self.camelName(rule.id))),
                ("shortDescription", .object([("text", .string(rule.summary))])),
                ("fullDescription", .object([("text", .string(rule.rationale))])),
                ("help", .object([("text", .string(help))])),
                ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
            ])
        }
        let firstFile = Dictionary(report.series.patches.map { ($0.id, $0.files.first?.path) },
                                   uniquingKeysWith: { a, _ in a })
        let results: [JSONWriter.Value] = report.diagnostics.map { d in
            var message = d.message
            if let suggestion = d.suggestion { message += " Suggestion: \(suggestion)" }
            if let witness = d.witness { message += " Witness: \(witness)" }
            let path: String
            let line: Int
            if let file = d.file {
                path = file
                line = max(d.line, 1)
            } else {
                path = (firstFile[d.patchID] ?? nil) ?? "COMMIT_MSG"
                line = 1
                message = "commit \(d.patchID.prefix(12)): " + message
            }
            var members: [(String, JSONWriter.Value)] = [("ruleId", .string(d.ruleID))]
            if let index = ruleIndex[d.ruleID] { members.append(("ruleIndex", .int(index))) }
            members += [
                ("level", .string(Self.level(d.severity))),
                ("message", .object([("text", .string(message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(Self.uri(path)))])),
                        ("region", .object([("startLine", .int(line))])),
                    ])),
                ])])),
                ("properties", .object([("commit", .string(d.patchID))])),
            ]
            return .object(members)
        }
        let run: JSONWriter.Value = .object([
            ("tool", .object([("driver", .object([
                ("name", .string("mmu-review")),
                ("version", .string(toolVersion)),
                ("informationUri", .string("https://github.com/mmu-review/mmu-review")),
                ("rules", .array(driverRules)),
            ]))])),
            ("results", .array(results)),
        ])
        return JSONWriter.render(.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])) + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// SYMBOLIC_PERMS -> SymbolicPerms (SARIF's `name` is a readable identifier).
    static func camelName(_ id: String) -> String {
        id.split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined()
    }

    /// A relative URI reference: percent-encode what is not allowed unescaped.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/!$&'()*+,;=:@".contains(c) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
