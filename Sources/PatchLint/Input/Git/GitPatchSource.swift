import Foundation

/// The commits of a range as a `PatchSource`: a commit is read (diffed against its
/// first parent through libgit2) when the engine asks for it, in the job that reviews
/// it, so a streamed review holds one commit per core rather than the whole range.
///
/// libgit2 handles and the objects read through them must stay on one thread at a
/// time: each read borrows a handle from a small pool (one per concurrent reader,
/// opened the first time it is needed) and gives it back.
public final class GitPatchSource: PatchSource, @unchecked Sendable {
    public let commitIDs: [String]
    public let notes: [String]
    public var coverLetter: Series.CoverLetter? { nil }
    public var count: Int { commitIDs.count }
    public var minimumParallelCount: Int { GitSeriesReader.parallelThreshold }

    private let repository: GitRepository
    private let lock = NSLock()
    private var idle: [GitRepository]

    /// The commits `reader` would make a series of (`GitSeriesReader.plan`).
    public convenience init(reader: GitSeriesReader, commitIDs: [String], skippedMerges: [String] = []) {
        let plan = reader.plan(commitIDs: commitIDs, skippedMerges: skippedMerges)
        self.init(repository: reader.repository, commitIDs: plan.ids, notes: plan.notes)
    }

    /// Exactly these commits (merges already taken out), read through `repository` and
    /// handles reopened from it.
    init(repository: GitRepository, commitIDs: [String], notes: [String] = []) {
        self.commitIDs = commitIDs
        self.notes = notes
        self.repository = repository
        self.idle = [repository]
    }

    public func patch(at k: Int) throws -> Patch {
        let handle = try borrow()
        defer { giveBack(handle) }
        return try GitSeriesReader(repository: handle).patch(commitID: commitIDs[k], index: k + 1, total: commitIDs.count)
    }

    private func borrow() throws -> GitRepository {
        lock.lock()
        if let handle = idle.popLast() {
            lock.unlock()
            return handle
        }
        lock.unlock()
        return try repository.reopened()
    }

    private func giveBack(_ handle: GitRepository) {
        lock.lock()
        idle.append(handle)
        lock.unlock()
    }
}
