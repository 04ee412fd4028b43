/// A `From:` value as a `Person`: `Name <addr>`, `"Last, First" <addr>`, `addr (Name)` or a
/// bare `addr`. The raw (undecoded) header is split first and the name decoded afterwards,
/// so an encoded word cannot fake the address part.
enum MailAddress {
    static func person(fromHeader raw: String) -> Person? {
        let value = raw.trimmingWhitespace()
        guard !value.isEmpty else { return nil }
        if let open = value.lastIndex(of: "<") {
            let rest = value[value.index(after: open)...]
            let email = (rest.firstIndex(of: ">").map { rest[..<$0] } ?? rest).trimmingWhitespace()
            var name = displayName(String(value[..<open]))
            if name.isEmpty, let close = rest.firstIndex(of: ">") {
                name = commentName(String(rest[rest.index(after: close)...])) ?? ""
            }
            return Person(name: name, email: email)
        }
        if let open = value.firstIndex(of: "(") {
            let email = value[..<open].trimmingWhitespace()
            return Person(name: commentName(String(value[open...])) ?? "", email: email)
        }
        return Person(name: "", email: value)
    }

    /// The phrase before `<`: quotes removed (with their backslash escapes), encoded words
    /// decoded, blanks collapsed.
    private static func displayName(_ phrase: String) -> String {
        var out = ""
        var inQuotes = false
        var escaped = false
        for c in phrase {
            if escaped { out.append(c); escaped = false; continue }
            if c == "\\" && inQuotes { escaped = true; continue }
            if c == "\"" { inQuotes.toggle(); continue }
            out.append(c)
        }
        return EncodedWords.decode(out).collapsingBlanks()
    }

    /// `(Name)`: the comment's content, decoded.
    private static func commentName(_ text: String) -> String? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            return nil
        }
        let inner = String(text[text.index(after: open)..<close])
        let name = EncodedWords.decode(inner).collapsingBlanks()
        return name.isEmpty ? nil : name
    }
}
