/// A `@@ -oldStart,oldCount +newStart,newCount @@ section` block of a file diff.
public struct Hunk: Sendable, Hashable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    /// The text after the closing `@@` (git's function-context heading), trimmed.
    public var section: String
    public var lines: [DiffLine]

    public init(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int,
                section: String = "", lines: [DiffLine] = []) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
        self.section = section
        self.lines = lines
    }

    /// Builds a hunk from its lines, numbering them the way git does.
    public init(oldStart: Int, newStart: Int, section: String = "",
                body: [(DiffLine.Kind, String)]) {
        var old = oldStart, new = newStart
        var lines: [DiffLine] = []
        lines.reserveCapacity(body.count)
        for (kind, text) in body {
            switch kind {
            case .added:
                lines.append(DiffLine(kind: .added, oldNumber: nil, newNumber: new, text: text)); new += 1
            case .removed:
                lines.append(DiffLine(kind: .removed, oldNumber: old, newNumber: nil, text: text)); old += 1
            case .context:
                lines.append(DiffLine(kind: .context, oldNumber: old, newNumber: new, text: text)); old += 1; new += 1
            }
        }
        self.init(oldStart: oldStart, oldCount: old - oldStart, newStart: newStart,
                  newCount: new - newStart, section: section, lines: lines)
    }
}
