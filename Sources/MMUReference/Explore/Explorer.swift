/// The seeded random explorer: episodes of random operations from fresh VMs, every
/// invariant checked after every step (incrementally, with a full check every
/// `fullCheckInterval` steps and at the end of each episode), and on a violation a
/// shrunk counterexample trace.
public struct ExplorerOptions: Sendable {
    public var seed: UInt64
    public var steps: Int
    public var selection: MMUSelection
    public var mutant: Mutant?
    /// When set, every episode uses this configuration instead of a random one.
    public var configuration: VMConfiguration?
    /// Operations per episode after the setup.
    public var episodeLength: Int
    public var fullCheckInterval: Int
    public var shrink: Bool
    public init(seed: UInt64 = 1, steps: Int = 100_000, selection: MMUSelection = .both, mutant: Mutant? = nil,
                configuration: VMConfiguration? = nil,
                episodeLength: Int = 200, fullCheckInterval: Int = 32, shrink: Bool = true) {
        self.configuration = configuration
        self.seed = seed
        self.steps = steps
        self.selection = selection
        self.mutant = mutant
        self.episodeLength = episodeLength
        self.fullCheckInterval = fullCheckInterval
        self.shrink = shrink
    }
}

public struct Counterexample: Sendable {
    public var violation: Violation
    /// The total step count at which the explorer saw the violation.
    public var foundAtStep: Int
    public var originalLength: Int
    /// The shrunk trace (the original one when shrinking is off).
    public var trace: Trace
}

public struct ExplorerReport: Sendable {
    public var steps: Int
    public var episodes: Int
    public var counterexample: Counterexample?
    /// What the run exercised, summed over episodes.
    public var stats: ModelStats
    /// Accesses mapped by both the TDP VM and its shadow twin, host frames compared.
    public var differentialAccesses = 0
}

public enum Explorer {
    public static func run(_ o: ExplorerOptions) -> ExplorerReport {
        var rng = SplitMix64(seed: o.seed)
        var steps = 0
        var episodes = 0
        var stats = ModelStats()
        var compared = 0
        while steps < o.steps {
            episodes += 1
            let generated = OperationGenerator.configuration(&rng, selection: o.selection)
            let config = o.configuration ?? generated
            var vm = VM(configuration: config, mutant: o.mutant)
            // "both": every TDP episode also runs its shadow twin, access by access.
            let differential = o.selection == .both && config.host.tdpEnabled
            var twin: VM? = differential ? VM(configuration: DifferentialPair.shadowTwin(of: config), mutant: o.mutant) : nil
            var ops: [Operation] = []
            let setup = OperationGenerator.setup(config)
            var sinceFull = 0
            var i = 0
            while steps < o.steps && i < setup.count + o.episodeLength {
                let op = i < setup.count ? setup[i] : OperationGenerator.next(&rng, vm: vm)
                i += 1
                ops.append(op)
                let outcome = vm.apply(op)
                var violation: Violation?
                if twin != nil {
                    let other = twin!.apply(op)
                    violation = DifferentialPair.compare(outcome, other, op)
                    if case .mapped? = outcome, case .mapped? = other { compared += 1 }
                }
                steps += 1
                sinceFull += 1
                let last = steps == o.steps || i == setup.count + o.episodeLength
                let full = sinceFull >= o.fullCheckInterval || last
                if full { sinceFull = 0 }
                if violation == nil { violation = full ? InvariantChecker.checkAll(vm) : InvariantChecker.checkStep(vm) }
                if violation == nil, let t = twin {
                    violation = full ? InvariantChecker.checkAll(t) : InvariantChecker.checkStep(t)
                }
                if let violation {
                    if let t = twin { stats.add(t.stats) }
                    let found = Trace(configuration: config, mutant: o.mutant, differential: differential, operations: ops)
                    let trace = o.shrink ? shrink(found, invariant: violation.invariant) : found
                    let final = replay(trace)?.violation ?? violation
                    stats.add(vm.stats)
                    return ExplorerReport(steps: steps, episodes: episodes, counterexample: Counterexample(
                        violation: final, foundAtStep: steps, originalLength: ops.count, trace: trace), stats: stats, differentialAccesses: compared)
                }
            }
            stats.add(vm.stats)
            if let t = twin { stats.add(t.stats) }
        }
        return ExplorerReport(steps: steps, episodes: episodes, counterexample: nil, stats: stats, differentialAccesses: compared)
    }

    /// Run a trace with a full invariant check after every operation. Returns the first
    /// violation and the index of the operation after which it showed.
    public static func replay(_ trace: Trace) -> (violation: Violation, operationIndex: Int)? {
        if trace.differential {
            var pair = DifferentialPair(configuration: trace.configuration, mutant: trace.mutant)
            if let v = InvariantChecker.checkAll(pair.tdp) ?? InvariantChecker.checkAll(pair.shadow) { return (v, -1) }
            for (i, op) in trace.operations.enumerated() {
                if let v = pair.apply(op) ?? InvariantChecker.checkAll(pair.tdp) ?? InvariantChecker.checkAll(pair.shadow) {
                    return (v, i)
                }
            }
            return nil
        }
        var vm = VM(configuration: trace.configuration, mutant: trace.mutant)
        if let v = InvariantChecker.checkAll(vm) { return (v, -1) }
        for (i, op) in trace.operations.enumerated() {
            vm.apply(op)
            if let v = InvariantChecker.checkAll(vm) { return (v, i) }
        }
        return nil
    }

    /// Shrink a counterexample, keeping it failing with the same invariant.
    public static func shrink(_ trace: Trace, invariant: InvariantName) -> Trace {
        var t = trace
        // Everything after the failing operation is noise.
        if let hit = replay(t) { t.operations = Array(t.operations.prefix(hit.operationIndex + 1)) }
        return shrink(t) { replay($0)?.violation.invariant == invariant }
    }

    /// Delta-debugging style shrinking: drop chunks of operations (halving the chunk size
    /// when nothing more can go), then simplify the configuration, one knob at a time,
    /// keeping `keeps` true.
    public static func shrink(_ trace: Trace, keeping keeps: (Trace) -> Bool) -> Trace {
        var t = trace
        var chunk = max(1, t.operations.count / 2)
        while !t.operations.isEmpty {
            var removed = false
            var i = 0
            while i < t.operations.count {
                var candidate = t
                candidate.operations.removeSubrange(i..<min(t.operations.count, i + chunk))
                if keeps(candidate) { t = candidate; removed = true } else { i += chunk }
            }
            if chunk == 1 && !removed { break }
            if !removed { chunk = max(1, chunk / 2) }
        }
        if t.differential {
            var candidate = t
            candidate.differential = false
            if keeps(candidate) { t = candidate }
        }
        let simplifications: [(inout VMConfiguration) -> Void] = [
            { $0.guest.vcpuCount = 1 }, { $0.guest.smm = false }, { $0.guest.nested = false },
            { $0.host.maxHostPageLevel = 1 }, { $0.host.tdpLevels = 4 },
        ]
        for simplify in simplifications {
            var candidate = t
            simplify(&candidate.configuration)
            if candidate.configuration != t.configuration && keeps(candidate) { t = candidate }
        }
        return t
    }
}
