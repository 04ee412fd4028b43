import Foundation

/// Results computed from a patch's files, remembered with the patch: every copy of a
/// `Patch` shares it, and changing `files` replaces it (so a result never outlives the
/// files it came from, e.g. when code-motion marking sets `moved`).
///
/// The post-image `CodeView`s live here: C-aware patch rules and the series index all
/// ask for them, at different times (per patch, then once more for the whole series),
/// and a bounded recent-results cache would lex every patch twice. So do the patch's
/// new declarations, which NAME_COLLISION (per patch) and INTRODUCED_BEFORE_USE (per
/// series) both start from. Thread-safe: patches may be reviewed concurrently.
final class PatchDerivedCache: @unchecked Sendable, Hashable {
    private let lock = NSLock()
    private var newSideViews: [CodeView]?
    private var declarations: [NewDeclaration]?
    private var facts: PatchSeriesFacts?

    init() {}

    /// The post-image views, made by `make` the first time.
    func newViews(orMake make: () -> [CodeView]) -> [CodeView] {
        remembered(\.newSideViews, orMake: make)
    }

    /// What `NewDeclarations.find(in:of:)` says of the post-image views, made by `make`
    /// the first time.
    func newDeclarations(orMake make: () -> [NewDeclaration]) -> [NewDeclaration] {
        remembered(\.declarations, orMake: make)
    }

    /// What the series rules keep of the patch, made by `make` the first time.
    func seriesFacts(orMake make: () -> PatchSeriesFacts) -> PatchSeriesFacts {
        remembered(\.facts, orMake: make)
    }

    /// The value in `slot`, or `make()`'s stored there. `make` runs outside the lock (it
    /// may itself ask for another slot); when two threads race, the first one stored wins.
    private func remembered<T>(_ slot: ReferenceWritableKeyPath<PatchDerivedCache, T?>,
                               orMake make: () -> T) -> T {
        lock.lock()
        if let value = self[keyPath: slot] {
            lock.unlock()
            return value
        }
        lock.unlock()
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if let value = self[keyPath: slot] { return value }  // another thread was first
        self[keyPath: slot] = made
        return made
    }

    // A cache is not part of a patch's value: patches compare and hash without it.
    static func == (a: PatchDerivedCache, b: PatchDerivedCache) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
