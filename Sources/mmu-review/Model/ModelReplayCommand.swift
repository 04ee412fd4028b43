import ArgumentParser
import Foundation
import MMUReference

/// `mmu-review model replay FILE`: run a trace (as `model explore` prints it) with a full
/// invariant check after every operation.
struct ModelReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a model trace; exit 1 if an invariant breaks, 0 if none does.")

    @Argument(help: "The trace file ('-' for standard input).") var file: String

    func run() throws {
        var text = ""
        if file == "-" {
            while let line = readLine(strippingNewline: false) { text += line }
        } else {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                modelCommandError("mmu-review: cannot read \(file)")
                throw ExitCode(2)
            }
            text = contents
        }
        let trace: Trace
        do {
            trace = try Trace.parse(text)
        } catch {
            modelCommandError("mmu-review: \(file): \(error)")
            throw ExitCode(2)
        }
        if let hit = Explorer.replay(trace) {
            print("violation: \(hit.violation.invariant.rawValue)")
            print("detail: \(hit.violation.detail)")
            print("after operation \(hit.operationIndex + 1) of \(trace.operations.count)"
                  + (hit.operationIndex >= 0 ? ": \(Trace.format(trace.operations[hit.operationIndex]))" : ""))
            throw ExitCode(1)
        }
        print("ok: \(trace.operations.count) operations, no violation")
    }
}
