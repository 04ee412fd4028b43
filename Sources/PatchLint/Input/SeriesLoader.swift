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
            var seen: Set<String> = []
            var ids: [String] = []
            var merges: [String] = []
            for spec in specs {
                let range = try RevisionRange.resolve(spec, in: reader.repository,
                                                      options: .init(firstParent: firstParent))
                for id in range.commitIDs where seen.insert(id).inserted { ids.append(id) }
                merges += range.skippedMerges
            }
            return try reader.series(commitIDs: ids, skippedMerges: merges)
        case .mailFiles(let paths):
            return try MailInput.readSeries(paths: paths)
        }
    }
}
