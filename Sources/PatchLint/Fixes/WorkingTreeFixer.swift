import Foundation

/// `--fix=apply` for `--staged`: writes the exact fixes into the working tree. It
/// refuses, changing nothing, when a file to fix differs between the working tree
/// and the index (the fix would otherwise mix with unstaged edits), or when a line
/// no longer reads as the review saw it.
public struct WorkingTreeFixer {
    public let repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    /// Applies the fixes of the staged patch; returns the paths written.
    public func apply(_ plan: FixPlan, patchID: String = "staged") throws -> [String] {
        guard let files = plan.changes[patchID], !files.isEmpty else { return [] }
        guard let root = repository.workingDirectory else {
            throw InputError("--fix=apply needs a working tree (this repository is bare)")
        }
        var rewritten: [(String, Data)] = []
        for (path, changes) in files.sorted(by: { $0.key < $1.key }) {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            guard let onDisk = FileManager.default.contents(atPath: url.path) else {
                throw InputError("cannot read \(path) in the working tree")
            }
            guard let staged = try repository.indexContent(of: path), staged.elementsEqual(onDisk) else {
                throw InputError("\(path) has unstaged changes: stage or stash them before --fix=apply (nothing was changed)")
            }
            var lines = String(decoding: onDisk, as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (number, change) in changes {
                guard number >= 1, number <= lines.count, lines[number - 1] == change.original else {
                    throw InputError("\(path):\(number) is not what the review saw (nothing was changed)")
                }
                lines[number - 1] = change.fixed
            }
            rewritten.append((url.path, Data(lines.joined(separator: "\n").utf8)))
        }
        // Everything checked first, then written: no half-fixed tree.
        for (path, data) in rewritten {
            try data.write(to: URL(fileURLWithPath: path))
        }
        return rewritten.map(\.0)
    }
}
