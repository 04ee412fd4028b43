/// Lines too long to be C anyone reviews: generated tables, blobs pasted into a
/// patch, hostile input. The C-aware checks do not look inside them (a token per
/// operator of a 10 MB line would take hundreds of megabytes, and the style checks'
/// regular expressions seconds); what is true of any line still is checked
/// (LONG_LINE, trailing whitespace, the rule packs).
enum OversizedLine {
    /// Longer than any line of real kernel C by two orders of magnitude.
    static let bytes = 64 * 1024

    static func isOversized(_ text: String) -> Bool { text.utf8.count > bytes }
}
