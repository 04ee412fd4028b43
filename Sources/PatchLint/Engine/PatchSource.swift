import Foundation

/// The patches of a review, asked for one at a time: the engine takes each patch in
/// the job that reviews it, on any core, and asks again (`patch(at:)` once more) only
/// when a series rule needs to look at a patch's code after all jobs are done.
///
/// A git range (`GitPatchSource`) reads a commit when asked, so a streamed review
/// never holds the whole range; a `Series` is its own source, in memory.
public protocol PatchSource: Sendable {
    /// How many patches there are.
    var count: Int { get }
    /// The patch at 0-based position `k`, with its k/N numbering.
    func patch(at k: Int) throws -> Patch
    /// The mailed series' cover letter, if any.
    var coverLetter: Series.CoverLetter? { get }
    /// What the reader skipped (merges, replies...), for the user.
    var notes: [String] { get }
    /// Below this many patches the engine reviews on the calling thread alone: for a
    /// git range a second repository handle costs more than a few commits take.
    var minimumParallelCount: Int { get }
}

extension PatchSource {
    public var minimumParallelCount: Int { 2 }

    /// Every patch, in order, produced on all cores (from `minimumParallelCount` on);
    /// the first error is thrown. `progress` is told (done, total) after each patch.
    func allPatches(workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [Patch] {
        let done = Counter()
        let total = count
        return try ParallelMap.map(count: total, minimumJobs: minimumParallelCount, workers: workers) { k in
            defer { progress?(done.increment(), total) }
            return Result { try patch(at: k) }
        }.map { try $0.get() }
    }
}

extension Series: PatchSource {
    public var count: Int { patches.count }
    public func patch(at k: Int) throws -> Patch { patches[k] }
}
