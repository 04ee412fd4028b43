/// One line of a hunk, as git prints it after the `+`, `-` or ` ` marker.
///
/// Line numbers follow `git show`: an added line has only a new number, a removed
/// line only an old number, a context line both.
public struct DiffLine: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case added, removed, context
    }

    public var kind: Kind
    public var oldNumber: Int?
    public var newNumber: Int?
    /// The line's content without the marker and without the line terminator.
    /// Decoded from the patch's bytes (UTF-8, lossily); rules read this.
    public var text: String
    /// False when the line was followed by `\ No newline at end of file`.
    public var hasNewline: Bool
    /// Set by code-motion detection: the line was removed elsewhere in the same patch.
    public var moved: Bool

    public init(kind: Kind, oldNumber: Int?, newNumber: Int?, text: String,
                hasNewline: Bool = true, moved: Bool = false) {
        self.kind = kind
        self.oldNumber = oldNumber
        self.newNumber = newNumber
        self.text = text
        self.hasNewline = hasNewline
        self.moved = moved
    }
}
