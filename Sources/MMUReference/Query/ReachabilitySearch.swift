/// Answers a `ReachabilityQuery` in three passes, from the most to the least user-facing:
///
/// 1. user choices on 4-level hosts (user space and the host admin act) -> `.userChoice`;
/// 2. the same on 5-level hosts -> `.hardware`;
/// 3. every host, kernel-internal operations too -> `.kernel`.
///
/// Each pass enumerates its whole slice of `ConfigurationSpace` (and every assignment of
/// the user choices). A configuration is skipped with proof when no combination of the
/// variables' possible values (`ModelExpression.mayHold`) satisfies the condition; the
/// others are explored depth-first from the state after `OperationGenerator.setup`, with
/// a small alphabet of the operations that change what conditions read, up to
/// `query.depth` operations and `query.stateBudget` applied operations in all.
public enum ReachabilitySearch {
    struct Pass {
        var levels: Set<Int>
        var actors: Set<Actor>
        var cause: ReachabilityCause
    }

    static let passes = [
        Pass(levels: [4], actors: [.userSpace, .hostAdmin], cause: .userChoice),
        Pass(levels: [5], actors: [.userSpace, .hostAdmin], cause: .hardware),
        Pass(levels: [4, 5], actors: [.userSpace, .hostAdmin, .kernel], cause: .kernel),
    ]

    public static func run(_ query: ReachabilityQuery) -> Reachability {
        var search = Search(query: query)
        var note: String?
        for pass in passes {
            if let found = search.run(pass) {
                var witness = found
                witness.boundNote = note
                return .reachable(witness)
            }
            if !search.exhaustive && note == nil {
                note = "no \(pass.cause == .userChoice ? "user-only witness on 4-level hosts" : "witness on 5-level hosts") "
                    + "within \(query.depth) operation(s)" + (search.budgetHit ? ", state budget hit" : "")
            }
        }
        return .unreachable(SearchExtent(configurations: search.configurationsSeen, operationsApplied: search.applied,
                                         depth: query.depth, exhaustive: search.exhaustive, budgetHit: search.budgetHit))
    }

    struct Search {
        let query: ReachabilityQuery
        var applied = 0
        var budgetHit = false
        /// Stays true while every configuration so far was decided without a depth bound.
        var exhaustive = true
        var configurationsSeen = 0
        let choiceNames: [String]
        /// The condition reads only what the configuration fixes.
        let isStatic: Bool

        init(query: ReachabilityQuery) {
            self.query = query
            self.choiceNames = query.condition.choices
            self.isStatic = query.condition.variables.allSatisfy(\.isStatic)
        }

        mutating func run(_ pass: Pass) -> ReachabilityWitness? {
            let writable = query.directMMUWritable
            let configurations = ConfigurationSpace.all(vcpuCounts: query.vcpuCounts).filter { c in
                pass.levels.contains(c.host.tdpLevels)
                    && (writable.map { c.parameters.directMMU.writableAtRuntime == $0 } ?? true)
            }
            configurationsSeen = max(configurationsSeen, configurations.count)
            for configuration in configurations {
                guard query.condition.mayHold(in: configuration, actors: pass.actors) else { continue }
                for choices in ChoiceAssignments.all(choiceNames) {
                    if let (ops, _) = explore(configuration, choices: choices, actors: pass.actors) {
                        let shrunk = shrink(ops, configuration: configuration, choices: choices)
                        return ReachabilityWitness(configuration: configuration, choices: choices,
                                                   operations: shrunk.ops, vcpu: shrunk.vcpu, cause: pass.cause)
                    }
                }
            }
            return nil
        }

        /// The operations (setup included) of a path to the condition, and the vCPU.
        mutating func explore(_ c: VMConfiguration, choices: [String: Bool], actors: Set<Actor>) -> ([Operation], Int)? {
            var vm = VM(configuration: c)
            if query.event != .rootLoad, let v = holding(vm, choices: choices) { return ([], v) }
            if query.event == .vmCreation { return nil }
            var ops: [Operation] = []
            for op in OperationGenerator.setup(c) where actors.contains(op.actor) {
                guard applied < query.stateBudget else {
                    budgetHit = true
                    exhaustive = false
                    return nil
                }
                vm.apply(op)
                applied += 1
                ops.append(op)
                if query.event == .anyState, let v = holding(vm, choices: choices) { return (ops, v) }
            }
            let found = dfs(vm, ops, query.depth, choices: choices, actors: actors)
            // Static conditions are decided by the configuration: the root-load pass only
            // needs one access, which depth >= 1 always tries.
            if found == nil && !(isStatic && query.depth >= 1 && !budgetHit) { exhaustive = false }
            return found
        }

        mutating func dfs(_ vm: VM, _ ops: [Operation], _ depth: Int, choices: [String: Bool],
                          actors: Set<Actor>) -> ([Operation], Int)? {
            guard depth > 0 else { return nil }
            for op in ReachabilitySearch.alphabet(vm, actors: actors) {
                guard applied < query.stateBudget else {
                    budgetHit = true
                    return nil
                }
                var next = vm
                let loadedBefore = next.vcpus.map { $0.activeMMU.root.isValid }
                next.apply(op)
                applied += 1
                let path = ops + [op]
                if let v = check(next, loadedBefore: loadedBefore, choices: choices) { return (path, v) }
                if let found = dfs(next, path, depth - 1, choices: choices, actors: actors) {
                    return found
                }
            }
            return nil
        }

        func holding(_ vm: VM, choices: [String: Bool]) -> Int? {
            vm.vcpus.indices.first { query.condition.evaluate(in: vm, vcpu: $0, choices: choices) != 0 }
        }

        /// Whether the event happened in the step that produced `vm` with the condition true.
        func check(_ vm: VM, loadedBefore: [Bool], choices: [String: Bool]) -> Int? {
            switch query.event {
            case .vmCreation: return nil
            case .anyState: return holding(vm, choices: choices)
            case .rootLoad:
                return vm.vcpus.indices.first { v in
                    !loadedBefore[v] && vm.vcpus[v].activeMMU.root.isValid
                        && query.condition.evaluate(in: vm, vcpu: v, choices: choices) != 0
                }
            }
        }

        /// Replays `ops` and tells the vCPU for which the event fired with the condition true.
        func reaches(_ ops: [Operation], configuration c: VMConfiguration, choices: [String: Bool]) -> Int? {
            var vm = VM(configuration: c)
            if query.event != .rootLoad, let v = holding(vm, choices: choices) { return v }
            if query.event == .vmCreation { return nil }
            for op in ops {
                let before = vm.vcpus.map { $0.activeMMU.root.isValid }
                vm.apply(op)
                if let v = check(vm, loadedBefore: before, choices: choices) { return v }
            }
            return nil
        }

        /// Greedy one-operation-at-a-time deletion while the witness still reaches.
        func shrink(_ ops: [Operation], configuration c: VMConfiguration, choices: [String: Bool]) -> (ops: [Operation], vcpu: Int) {
            var current = ops
            var vcpu = reaches(current, configuration: c, choices: choices) ?? 0
            var changed = true
            while changed {
                changed = false
                var i = current.count - 1
                while i >= 0 {
                    var candidate = current
                    candidate.remove(at: i)
                    if let v = reaches(candidate, configuration: c, choices: choices) {
                        current = candidate
                        vcpu = v
                        changed = true
                    }
                    i -= 1
                }
            }
            return (current, vcpu)
        }
    }

    /// The operations that change what bound conditions read, applicable in `vm`: a vCPU
    /// access (loads the MMU root), SMM and nested entry/exit, CR0.WP, the admin's write
    /// of the parameter, and the kernel's zap-all and root free.
    static func alphabet(_ vm: VM, actors: Set<Actor>) -> [Operation] {
        var ops: [Operation] = []
        let c = vm.configuration
        for (v, cpu) in vm.vcpus.enumerated() {
            if actors.contains(.userSpace) {
                if !cpu.activeMMU.root.isValid {
                    ops.append(.access(vcpu: v, page: 0, write: false, user: false, fetch: false))
                }
                if c.guest.smm { ops.append(cpu.smm ? .exitSMM(vcpu: v) : .enterSMM(vcpu: v)) }
                if cpu.guestMode { ops.append(.exitNested(vcpu: v)) } else if c.guest.nested && !cpu.smm { ops.append(.enterNested(vcpu: v)) }
                ops.append(.setCR0WP(vcpu: v, on: !cpu.cr0WP))
            }
            if actors.contains(.kernel) && cpu.activeMMU.root.isValid { ops.append(.freeRoots(vcpu: v, slots: 1)) }
        }
        if actors.contains(.hostAdmin) && vm.parameters.directMMU.writableAtRuntime {
            ops.append(.writeDirectMMUParameter(!vm.parameters.directMMU.value))
        }
        if actors.contains(.kernel) { ops.append(.zapAll) }
        return ops
    }
}
