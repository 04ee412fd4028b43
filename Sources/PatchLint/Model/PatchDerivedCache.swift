import Foundation

/// Results computed from a patch's files, remembered with the patch: every copy of a
/// `Patch` shares it, and changing `files` replaces it (so a result never outlives the
/// files it came from, e.g. when code-motion marking sets `moved`).
///
/// The post-image `CodeView`s live here: C-aware patch rules and the series index all
/// ask for them, at different times (per patch, then once more for the whole series),
/// and a bounded recent-results cache would lex every patch twice. Thread-safe: patches
/// may be reviewed concurrently.
final class PatchDerivedCache: @unchecked Sendable, Hashable {
    private let lock = NSLock()
    private var newSideViews: [CodeView]?

    init() {}

    /// The post-image views, made by `make` the first time.
    func newViews(orMake make: () -> [CodeView]) -> [CodeView] {
        lock.lock()
        if let views = newSideViews {
            lock.unlock()
            return views
        }
        lock.unlock()
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if let views = newSideViews { return views }  // another thread was first
        newSideViews = made
        return made
    }

    // A cache is not part of a patch's value: patches compare and hash without it.
    static func == (a: PatchDerivedCache, b: PatchDerivedCache) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
