/// Reachability queries: search the configuration space and the operations of the allowed
/// actors for a state where a condition holds, and return a shrunk trace that reaches it
/// (a witness). Absence of a witness after the budget means "not found", never "impossible".
public struct WitnessQuery: Sendable {
    public var seed: UInt64
    public var steps: Int
    public var selection: MMUSelection
    /// When set, episodes draw their configuration from this list (e.g. a slice of
    /// `ConfigurationSpace.all()`) instead of the random generator.
    public var configurations: [VMConfiguration]?
    /// Only configurations for which this holds are explored.
    public var configurationFilter: @Sendable (VMConfiguration) -> Bool
    /// Operations of other actors are never generated.
    public var actors: Set<Actor>
    public var condition: @Sendable (VM) -> Bool
    public var episodeLength: Int

    public init(seed: UInt64 = 1, steps: Int = 100_000, selection: MMUSelection = .both,
                configurations: [VMConfiguration]? = nil,
                configurationFilter: @escaping @Sendable (VMConfiguration) -> Bool = { _ in true },
                actors: Set<Actor> = [.userSpace], episodeLength: Int = 200,
                condition: @escaping @Sendable (VM) -> Bool) {
        self.seed = seed
        self.steps = steps
        self.selection = selection
        self.configurations = configurations
        self.configurationFilter = configurationFilter
        self.actors = actors
        self.condition = condition
        self.episodeLength = episodeLength
    }
}

extension Explorer {
    /// A shrunk trace after which `query.condition` holds, or nil within the budget.
    public static func findWitness(_ query: WitnessQuery) -> Trace? {
        var rng = SplitMix64(seed: query.seed)
        var steps = 0
        var misses = 0
        if query.configurations?.isEmpty == true { return nil }
        while steps < query.steps {
            let config = query.configurations.map { rng.pick($0) }
                ?? OperationGenerator.configuration(&rng, selection: query.selection)
            guard query.configurationFilter(config) else {
                misses += 1
                if misses > 10_000 { return nil }   // the filter rejects the whole space
                continue
            }
            var vm = VM(configuration: config)
            var ops: [Operation] = []
            if query.condition(vm) { return Trace(configuration: config, operations: []) }
            let setup = OperationGenerator.setup(config).filter { query.actors.contains($0.actor) }
            var i = 0
            while steps < query.steps && i < setup.count + query.episodeLength {
                var op = i < setup.count ? setup[i] : OperationGenerator.next(&rng, vm: vm)
                var tries = 0
                while !query.actors.contains(op.actor) && tries < 100 {
                    op = OperationGenerator.next(&rng, vm: vm)
                    tries += 1
                }
                guard query.actors.contains(op.actor) else { return nil }
                i += 1
                steps += 1
                ops.append(op)
                vm.apply(op)
                if query.condition(vm) {
                    let found = Trace(configuration: config, operations: ops)
                    return shrink(found) { t in reaches(t, query.condition) }
                }
            }
        }
        return nil
    }

    /// Whether running the trace passes through a state where the condition holds.
    public static func reaches(_ trace: Trace, _ condition: (VM) -> Bool) -> Bool {
        var vm = VM(configuration: trace.configuration, mutant: trace.mutant)
        if condition(vm) { return true }
        for op in trace.operations {
            vm.apply(op)
            if condition(vm) { return true }
        }
        return false
    }
}
