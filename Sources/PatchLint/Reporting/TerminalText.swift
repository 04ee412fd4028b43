/// Text taken from a patch is untrusted: escape sequences and control characters
/// could rewrite the reviewer's terminal (clear it, move the cursor, fake a clean
/// result). Everything printed from a patch goes through here first.
public enum TerminalText {
    /// Replaces C0 controls (except tab), DEL and C1 controls with visible `\xNN`
    /// escapes, and Unicode bidirectional overrides with `\u{NNNN}`.
    public static func neutralise(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let value = scalar.value
                if value <= 0xFF {
                    let hex = String(value, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" : "") + hex
                } else {
                    out += "\\u{" + String(value, radix: 16) + "}"
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 { return false }
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        // Bidi embedding/override/isolate controls ("Trojan Source").
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
