/// An added line and its surroundings in the hunk, handed to line rules.
public struct LineContext {
    /// The post-image path of the file.
    public let path: String
    /// All lines of the hunk (added, removed and context), for rules that look around.
    public let hunkLines: [DiffLine]
    /// Position of this line in `hunkLines`.
    public let index: Int

    public init(path: String, hunkLines: [DiffLine], index: Int) {
        self.path = path
        self.hunkLines = hunkLines
        self.index = index
    }

    public var line: DiffLine { hunkLines[index] }
    public var text: String { hunkLines[index].text }
    /// The line's number in the post-image.
    public var number: Int { hunkLines[index].newNumber ?? 0 }
}
