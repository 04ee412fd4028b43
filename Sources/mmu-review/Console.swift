import Foundation
import PatchLint

/// Where the CLI writes: results on stdout, everything else on stderr.
enum Console {
    /// Error and note messages quote input (file names, subjects, diff lines): escape
    /// sequences are neutralised and a newline cannot split the message (the exit-2
    /// contract is exactly one line on stderr).
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("mmu-review: \(TerminalText.neutralise(message))\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("mmu-review: note: \(TerminalText.neutralise(message))\n".utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Colour only on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb.
    static var wantsColor: Bool {
        let env = ProcessInfo.processInfo.environment
        if env["NO_COLOR"] != nil || env["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
