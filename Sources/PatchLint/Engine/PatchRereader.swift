import Foundation

/// Gets a streamed review's patches back when the series rules need to look at one
/// again (a read of a name in another patch, a WARN's code): the patch is produced
/// anew by `load` (read again from the repository, moved lines marked) and the last
/// few are kept, since a rule usually asks about the same patch several times in a row.
///
/// A patch that cannot be produced again (an I/O error; git objects themselves never
/// change) is an empty one for the rules, which then find nothing there; the first such
/// error is kept, and the engine fails the review with it instead of reporting.
final class PatchRereader: @unchecked Sendable {
    private let load: @Sendable (Int) throws -> Patch
    private let capacity: Int
    private let lock = NSLock()
    private var recent: [Patch] = []
    private(set) var error: Error?
    /// How many patches were produced again (`ReviewEngine.Outcome.patchesReadAgain`).
    private(set) var loads = 0

    /// `load(position)` produces the patch at a 1-based position of the series.
    init(capacity: Int = 2, load: @escaping @Sendable (Int) throws -> Patch) {
        self.capacity = capacity
        self.load = load
    }

    func patch(at position: Int) -> Patch {
        lock.lock()
        if let hit = recent.firstIndex(where: { $0.position == position }) {
            let patch = recent.remove(at: hit)
            recent.append(patch)
            lock.unlock()
            return patch
        }
        lock.unlock()
        // Produced outside the lock: rules may ask for two patches on two cores.
        var patch: Patch
        var failure: Error?
        do {
            patch = try load(position)
        } catch {
            failure = error
            patch = Patch(origin: .commit, id: "", subject: "")
        }
        patch.position = position
        lock.lock()
        defer { lock.unlock() }
        if let failure, error == nil { error = failure }
        loads += 1
        recent.append(patch)
        if recent.count > capacity { recent.removeFirst() }
        return patch
    }
}
