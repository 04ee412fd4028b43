/// Splitting message text into lines the way `split(separator: "\n")` on Characters
/// does, without walking grapheme clusters when that cannot matter.
enum TextLines {
    /// `text.split(separator: "\n" as Character, ...)`. Without a CR in the text
    /// every "\n" Character is exactly a 0x0A byte (LF always stands alone as a
    /// grapheme; only CR LF joins), so the UTF-8 view is split instead.
    static func split(_ text: String, omittingEmptySubsequences: Bool) -> [Substring] {
        let utf8 = text.utf8
        guard !utf8.contains(0x0D) else {
            return text.split(separator: "\n" as Character, omittingEmptySubsequences: omittingEmptySubsequences)
        }
        return utf8.split(separator: 0x0A, omittingEmptySubsequences: omittingEmptySubsequences)
            .map { Substring($0) }
    }
}
