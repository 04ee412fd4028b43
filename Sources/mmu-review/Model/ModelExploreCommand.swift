import ArgumentParser
import Foundation
import MMUReference

/// `mmu-review model explore`: seeded random exploration of the MMU model with every
/// invariant checked after every step.
struct ModelExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Run seeded random operations against the MMU model, checking every invariant after every step.",
        discussion: """
            On a violation, prints the invariant's name and a shrunk trace and exits 1; the \
            whole output replays with `mmu-review model replay FILE`. Otherwise prints the steps run and \
            steps per second and exits 0.
            """)

    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Number of steps (operations) to run.") var steps: Int = 100_000
    @Option(help: "Which MMU to exercise: direct, shadow or both.") var mmu: String = "both"
    @Option(help: "Run with a deliberate bug (see `model mutants`).") var mutant: String?
    @Option(help: ArgumentHelp("""
        Use one configuration for every episode, in trace syntax, e.g. 'tdp=1 tdp-levels=5 \
        host-max-level=2 direct-mmu=1 direct-mmu-writable=1 policy=seed paging=4 smm=1 nested=1 vcpus=2'.
        """, valueName: "settings"))
    var config: String?
    @Option(help: "Operations per episode (a fresh VM each episode).") var episodeLength: Int = 200
    @Option(help: "Full invariant check every N steps (1 = every step); the steps between get the incremental check.")
    var fullCheckInterval: Int = 32
    @Flag(help: "Print the counterexample unshrunk.") var noShrink = false

    /// Usage errors exit 2 with a one-line reason on stderr (the project's convention).
    func validate() throws {
        var problem: String?
        if MMUSelection(rawValue: mmu) == nil { problem = "--mmu must be direct, shadow or both" }
        if let config {
            do { _ = try Trace.parse("config " + config) } catch { problem = "--config: \(error)" }
        }
        if let mutant, Mutant(rawValue: mutant) == nil {
            problem = "unknown mutant '\(mutant)' (see `mmu-review model mutants`)"
        }
        if steps <= 0 || episodeLength <= 0 || fullCheckInterval <= 0 {
            problem = "--steps, --episode-length and --full-check-interval must be positive"
        }
        if let problem {
            modelCommandError("mmu-review model explore: \(problem)")
            throw ExitCode(2)
        }
    }

    func run() throws {
        let options = ExplorerOptions(seed: seed, steps: steps, selection: MMUSelection(rawValue: mmu)!,
                                      mutant: mutant.flatMap(Mutant.init(rawValue:)),
                                      configuration: config.flatMap { try? Trace.parse("config " + $0).configuration },
                                      episodeLength: episodeLength, fullCheckInterval: fullCheckInterval, shrink: !noShrink)
        let clock = ContinuousClock()
        let start = clock.now
        let report = Explorer.run(options)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let c = report.counterexample {
            // Every line but the trace itself is a comment, so the output replays as is.
            print("# violation: \(c.violation.invariant.rawValue)")
            print("# detail: \(c.violation.detail)")
            print("# found after \(c.foundAtStep) steps (episode \(report.episodes), seed \(seed), mmu \(mmu)); "
                  + "shrunk from \(c.originalLength) to \(c.trace.operations.count) operations")
            print(c.trace.text, terminator: "")
            throw ExitCode(1)
        }
        let rate = seconds > 0 ? Double(report.steps) / seconds : 0
        print("no violation: \(report.steps) steps, \(report.episodes) episodes, seed \(seed), mmu \(mmu)"
              + (mutant.map { ", mutant \($0)" } ?? ""))
        print("\(Int(rate)) steps/s (\(formatSeconds(seconds)) s)")
        print("exercised: \(report.stats.summary)")
        if report.differentialAccesses > 0 {
            print("differential: \(report.differentialAccesses) accesses mapped by both the TDP MMU and its shadow twin, same host frame")
        }
    }
}

func formatSeconds(_ s: Double) -> String {
    let ms = Int((s * 1000).rounded())
    let frac = ms % 1000
    return "\(ms / 1000)." + String(repeating: "0", count: 3 - String(frac).count) + String(frac)
}

/// One line on stderr.
func modelCommandError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
