import CGit2
import Foundation

/// Reads a patch series from a repository through libgit2: each commit of a range
/// diffed against its first parent (a root commit against the empty tree), or the
/// index against HEAD for `--staged`.
public struct GitSeriesReader {
    public let repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    /// The series a revision argument names. An empty range is an empty series.
    public func series(revision spec: String,
                       options: RevisionRange.Options = .init()) throws -> Series {
        let range = try RevisionRange.resolve(spec, in: repository, options: options)
        return try series(commitIDs: range.commitIDs, skippedMerges: range.skippedMerges)
    }

    /// What `mmu-review` with no revision reviews: `@{u}..HEAD` when the branch has an
    /// upstream, else HEAD alone.
    public func defaultRevision() -> String {
        repository.upstreamExists() ? "@{u}..HEAD" : "HEAD"
    }

    /// Called after each commit is read with (done, total), for progress display.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public func series(commitIDs: [String], skippedMerges: [String] = []) throws -> Series {
        let plan = plan(commitIDs: commitIDs, skippedMerges: skippedMerges)
        return Series(patches: try patches(plan.ids), notes: plan.notes)
    }

    /// The commits a series of `commitIDs` is made of, and the notes for the user: a
    /// single revision naming a merge is skipped like a merge inside a range.
    public func plan(commitIDs: [String], skippedMerges: [String] = []) -> (ids: [String], notes: [String]) {
        var ids = commitIDs
        var merges = skippedMerges
        ids.removeAll { id in
            guard let commit = try? lookup(id) else { return false }
            defer { git_commit_free(commit) }
            guard git_commit_parentcount(commit) > 1 else { return false }
            merges.append(id)
            return true
        }
        return (ids, merges.map { "skipped merge commit \($0.prefix(12)) (\(subject(of: $0)))" })
    }

    /// Commits below this count are read on the calling thread: a second repository
    /// handle costs more than it saves.
    static let parallelThreshold = 24

    /// Reads the commits, on all cores for long ranges (commits are independent; each
    /// core reads through a repository handle of its own, `GitPatchSource`).
    func patches(_ ids: [String]) throws -> [Patch] {
        try GitPatchSource(repository: repository, commitIDs: ids).allPatches(progress: progress)
    }

    func lookup(_ id: String) throws -> OpaquePointer {
        var oid = git_oid()
        try LibGit2.check(git_oid_fromstr(&oid, id), "bad commit id \(id)")
        return try repository.lookupCommit(oid)
    }

    func subject(of id: String) -> String {
        guard let commit = try? lookup(id) else { return "" }
        defer { git_commit_free(commit) }
        return git_commit_summary(commit).map { String(cString: $0) } ?? ""
    }

    /// One commit as a patch against its first parent.
    public func patch(commitID: String, index: Int, total: Int) throws -> Patch {
        let commit = try lookup(commitID)
        defer { git_commit_free(commit) }

        var parentIDs: [String] = []
        for i in 0..<git_commit_parentcount(commit) {
            parentIDs.append(git_commit_parent_id(commit, i)!.pointee.hex)
        }
        var newTree: OpaquePointer?
        try LibGit2.check(git_commit_tree(&newTree, commit), "cannot read the tree of \(commitID)")
        defer { git_tree_free(newTree) }
        var oldTree: OpaquePointer?
        if git_commit_parentcount(commit) > 0 {
            var parent: OpaquePointer?
            guard git_commit_parent(&parent, commit, 0) >= 0, let parent else {
                var message = "the parent of commit \(commitID.prefix(12)) is missing"
                if repository.isShallow {
                    message += " (shallow clone: fetch more history with git fetch --deepen=N)"
                }
                throw InputError(message)
            }
            defer { git_commit_free(parent) }
            try LibGit2.check(git_commit_tree(&oldTree, parent), "cannot read the parent tree of \(commitID)")
        }
        defer { if let oldTree { git_tree_free(oldTree) } }

        var options = GitDiffConverter.diffOptions()
        var diff: OpaquePointer?
        try LibGit2.check(git_diff_tree_to_tree(&diff, repository.pointer, oldTree, newTree, &options),
                          "cannot diff \(commitID)")
        guard let diff else { throw InputError("cannot diff \(commitID)") }
        defer { git_diff_free(diff) }
        try GitDiffConverter.detectRenames(diff)
        let files = try GitDiffConverter.fileDiffs(of: diff)

        let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        let (subject, body) = CommitMessage.split(message)
        return Patch(
            origin: .commit, id: commitID,
            author: person(git_commit_author(commit)),
            date: date(git_commit_author(commit)),
            committer: person(git_commit_committer(commit)),
            subject: subject, body: body,
            index: index, total: total,
            parentIDs: parentIDs, files: files)
    }

    /// The index against HEAD (an unborn HEAD: against the empty tree).
    public func stagedPatch() throws -> Patch {
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, repository.pointer), "cannot read the index")
        defer { git_index_free(index) }
        var headTree: OpaquePointer?
        if !repository.isHeadUnborn {
            var object: OpaquePointer?
            try LibGit2.check(git_revparse_single(&object, repository.pointer, "HEAD^{tree}"),
                              "cannot read HEAD")
            headTree = object
        }
        defer { if let headTree { git_object_free(headTree) } }
        var options = GitDiffConverter.diffOptions()
        var diff: OpaquePointer?
        try LibGit2.check(git_diff_tree_to_index(&diff, repository.pointer, headTree, index, &options),
                          "cannot diff the index")
        guard let diff else { throw InputError("cannot diff the index") }
        defer { git_diff_free(diff) }
        try GitDiffConverter.detectRenames(diff)
        // No message yet: an empty subject tells message rules to stay silent (the
        // commit-msg hook supplies one with `withMessage`).
        return Patch(origin: .staged, id: "staged", subject: "", body: "",
                     trailers: [], files: try GitDiffConverter.fileDiffs(of: diff))
    }

    func person(_ signature: UnsafePointer<git_signature>?) -> Person? {
        guard let signature = signature?.pointee else { return nil }
        return Person(name: signature.name.map { String(cString: $0) } ?? "",
                      email: signature.email.map { String(cString: $0) } ?? "")
    }

    func date(_ signature: UnsafePointer<git_signature>?) -> Date? {
        guard let signature = signature?.pointee else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(signature.when.time))
    }
}
