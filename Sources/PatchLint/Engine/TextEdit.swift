/// An exact fix: replace part of one post-image line. Columns are UTF-8 byte
/// offsets into the line's text, so edits from different rules on the same line
/// compose as long as they do not overlap.
public struct TextEdit: Sendable, Hashable {
    public var file: String
    /// Post-image line number.
    public var line: Int
    /// The line as the patch has it; a fix is only applied where it still matches.
    public var original: String
    public var range: Range<Int>
    public var replacement: String

    public init(file: String, line: Int, original: String, range: Range<Int>, replacement: String) {
        self.file = file
        self.line = line
        self.original = original
        self.range = range
        self.replacement = replacement
    }

    /// Replaces the first occurrence of `target` in the line (from byte offset `from`).
    public init?(file: String, line: Int, original: String, replacing target: String, with replacement: String,
                 from offset: Int = 0) {
        let bytes = Array(original.utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, offset + needle.count <= bytes.count else { return nil }
        for start in offset...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            self.init(file: file, line: line, original: original, range: start..<(start + needle.count),
                      replacement: replacement)
            return
        }
        return nil
    }

    /// Applies several edits to one line; nil when they overlap. Linear in the line
    /// and the edits (one pass in offset order).
    public static func apply(_ edits: [TextEdit], to line: String) -> String? {
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var position = 0
        for edit in edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            guard edit.range.lowerBound >= position, edit.range.upperBound <= bytes.count else { return nil }
            out.append(contentsOf: bytes[position..<edit.range.lowerBound])
            out.append(contentsOf: edit.replacement.utf8)
            position = edit.range.upperBound
        }
        out.append(contentsOf: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }
}
