/// Splitting a commit message into subject and body as git does: the subject is the
/// first paragraph joined into one line, the body is what follows the blank line.
public enum CommitMessage {
    public static func split(_ message: String) -> (subject: String, body: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        var i = 0
        while i < lines.count, lines[i].trimmingWhitespace().isEmpty { i += 1 }
        var subjectLines: [String] = []
        while i < lines.count, !lines[i].trimmingWhitespace().isEmpty {
            subjectLines.append(lines[i].trimmingWhitespace())
            i += 1
        }
        while i < lines.count, lines[i].trimmingWhitespace().isEmpty { i += 1 }
        var bodyLines = Array(lines[i...])
        while let last = bodyLines.last, last.trimmingWhitespace().isEmpty { bodyLines.removeLast() }
        return (subjectLines.joined(separator: " "), bodyLines.joined(separator: "\n"))
    }
}
