import Foundation

/// Reads the series an `InputSelection` names.
public struct SeriesLoader {
    public var firstParent: Bool
    /// Progress callback for long git ranges: (commits read, total).
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// The repository to read from; opened from the environment when nil.
    public var repository: GitRepository?

    public init(firstParent: Bool = false, progress: (@Sendable (Int, Int) -> Void)? = nil,
                repository: GitRepository? = nil) {
        self.firstParent = firstParent
        self.progress = progress
        self.repository = repository
    }

    func reader() throws -> GitSeriesReader {
        var reader = GitSeriesReader(repository: try repository ?? GitRepository.openFromEnvironment())
        reader.progress = progress
        return reader
    }

    /// What a review of `selection` reads its patches from: a git range is read commit
    /// by commit as the review goes (`GitPatchSource`); staged changes and mail are read
    /// whole (`load`).
    public func source(_ selection: InputSelection) throws -> any PatchSource {
        switch selection {
        case .defaultRevision:
            let reader = try reader()
            let range = try RevisionRange.resolve(reader.defaultRevision(), in: reader.repository,
                                                  options: .init(firstParent: firstParent))
            return GitPatchSource(reader: reader, commitIDs: range.commitIDs, skippedMerges: range.skippedMerges)
        case .revisions(let specs):
            let reader = try reader()
            let (ids, merges) = try resolve(specs, in: reader)
            return GitPatchSource(reader: reader, commitIDs: ids, skippedMerges: merges)
        case .staged, .mailFiles:
            return try load(selection)
        }
    }

    /// The commits of the revision arguments, each once, in argument order.
    func resolve(_ specs: [String], in reader: GitSeriesReader) throws -> (ids: [String], merges: [String]) {
        var seen: Set<String> = []
        var ids: [String] = []
        var merges: [String] = []
        for spec in specs {
            let range = try RevisionRange.resolve(spec, in: reader.repository,
                                                  options: .init(firstParent: firstParent))
            for id in range.commitIDs where seen.insert(id).inserted { ids.append(id) }
            merges += range.skippedMerges
        }
        return (ids, merges)
    }

    public func load(_ selection: InputSelection) throws -> Series {
        switch selection {
        case .staged:
            return Series(patches: [try reader().stagedPatch()])
        case .defaultRevision:
            let reader = try reader()
            return try reader.series(revision: reader.defaultRevision(),
                                     options: .init(firstParent: firstParent))
        case .revisions(let specs):
            let reader = try reader()
            let (ids, merges) = try resolve(specs, in: reader)
            return try reader.series(commitIDs: ids, skippedMerges: merges)
        case .mailFiles(let paths):
            return try MailInput.readSeries(paths: paths)
        }
    }
}
