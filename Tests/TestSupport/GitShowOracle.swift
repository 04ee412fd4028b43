import Foundation

/// An independent reading of `git show` output, used as the oracle for line numbers:
/// per file, the post-image path and every hunk line as (marker, old, new, text),
/// numbered from the hunk headers exactly as git prints them.
public enum GitShowOracle {
    public struct Line: Hashable, CustomStringConvertible {
        public var marker: Character
        public var old: Int?
        public var new: Int?
        public var text: String
        public init(marker: Character, old: Int?, new: Int?, text: String) {
            self.marker = marker; self.old = old; self.new = new; self.text = text
        }
        public var description: String { "\(marker)\(old.map(String.init) ?? "-")/\(new.map(String.init) ?? "-") \(text)" }
    }

    public struct File: Hashable {
        public var path: String
        public var binary: Bool
        public var lines: [Line]
    }

    /// Parses `git show --format= --no-color --no-ext-diff <sha>` output.
    public static func files(fromShowOutput output: String) -> [File] {
        var files: [File] = []
        var old = 0, new = 0
        var inHunk = false
        for raw in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("diff --git ") {
                // Path from "diff --git a/X b/Y": take b/Y (no spaces in fixture paths).
                let path = String(line.split(separator: " ").last!.dropFirst(2))
                files.append(File(path: path, binary: false, lines: []))
                inHunk = false
            } else if line.hasPrefix("rename to ") {
                files[files.count - 1].path = String(line.dropFirst("rename to ".count))
            } else if line.hasPrefix("Binary files ") {
                files[files.count - 1].binary = true
            } else if line.hasPrefix("@@ ") {
                // @@ -a[,b] +c[,d] @@
                let parts = line.split(separator: " ")
                old = Int(parts[1].dropFirst().split(separator: ",")[0])!
                new = Int(parts[2].dropFirst().split(separator: ",")[0])!
                inHunk = true
            } else if inHunk, let marker = line.first {
                let text = String(line.dropFirst())
                switch marker {
                case "+": files[files.count - 1].lines.append(Line(marker: "+", old: nil, new: new, text: text)); new += 1
                case "-": files[files.count - 1].lines.append(Line(marker: "-", old: old, new: nil, text: text)); old += 1
                case " ": files[files.count - 1].lines.append(Line(marker: " ", old: old, new: new, text: text)); old += 1; new += 1
                default: break  // "\ No newline at end of file"
                }
            }
        }
        return files
    }
}
