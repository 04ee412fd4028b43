/// A mail subject split into its patch tags and the commit subject, as `git mailinfo`
/// strips them: leading `Re:`/`Fwd:` and `[...]` groups go; inside the brackets `PATCH`
/// marks a patch, `vN` the series version, `k/N` the position, and every other word is a
/// tag (`RFC`, `RESEND`, `net-next`, `kvm-unit-tests`...).
public struct MailSubject: Sendable, Hashable {
    /// The subject without tags: the commit subject.
    public var text: String
    public var isReply: Bool
    public var hasPatchTag: Bool
    public var version: Int?
    public var index: Int?
    public var total: Int?
    public var tags: [String]

    public init(text: String, isReply: Bool = false, hasPatchTag: Bool = false, version: Int? = nil,
                index: Int? = nil, total: Int? = nil, tags: [String] = []) {
        self.text = text
        self.isReply = isReply
        self.hasPatchTag = hasPatchTag
        self.version = version
        self.index = index
        self.total = total
        self.tags = tags
    }

    /// True for `[PATCH 0/N]` / `[PATCH 00/N]`: a series' cover letter.
    public var isCoverLetter: Bool { index == 0 && (total ?? 0) > 0 }

    public static func parse(_ subject: String) -> MailSubject {
        var result = MailSubject(text: "")
        var rest = Substring(subject.collapsingBlanks())
        while true {
            rest = rest.drop(while: { $0 == " " })
            if let afterPrefix = replyPrefixEnd(rest) {
                result.isReply = true
                rest = rest[afterPrefix...]
                continue
            }
            if rest.first == "[", let close = rest.firstIndex(of: "]") {
                result.readTags(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
                continue
            }
            break
        }
        result.text = String(rest).trimmingWhitespace()
        return result
    }

    /// `Re:`, `RE:`, `Fwd:`, `Fw:`, `Aw:` (German clients), any case, optional blank before `:`.
    private static func replyPrefixEnd(_ s: Substring) -> Substring.Index? {
        for prefix in ["re", "fwd", "fw", "aw"] {
            guard s.count > prefix.count, s.prefix(prefix.count).lowercased() == prefix else { continue }
            var i = s.index(s.startIndex, offsetBy: prefix.count)
            while i < s.endIndex, s[i] == " " { i = s.index(after: i) }
            if i < s.endIndex, s[i] == ":" { return s.index(after: i) }
        }
        return nil
    }

    private mutating func readTags(_ group: Substring) {
        for word in group.split(whereSeparator: { $0 == " " || $0 == "," }) {
            var token = word
            let upper = token.uppercased()
            if upper == "PATCH" { hasPatchTag = true; continue }
            // `PATCHv2`, `PATCH-v2`: the version glued to the marker.
            if upper.hasPrefix("PATCH") {
                hasPatchTag = true
                token = token.dropFirst(5).drop(while: { $0 == "-" })
                if token.isEmpty { continue }
            }
            if let version = Self.version(token) {
                if version >= 1 { self.version = version }
                continue
            }
            if let slash = token.firstIndex(of: "/"), let k = Int(token[..<slash]),
               let n = Int(token[token.index(after: slash)...]), k >= 0, n >= 0 {
                index = k; total = n
                continue
            }
            tags.append(String(token))
        }
    }

    private static func version(_ token: Substring) -> Int? {
        guard let first = token.first, first == "v" || first == "V", token.count > 1 else { return nil }
        return Int(token.dropFirst())
    }
}
