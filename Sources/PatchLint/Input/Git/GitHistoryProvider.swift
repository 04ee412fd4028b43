import CGit2
import Foundation

/// The repository's own history for SUBJECT_PREFIX: subjects of recent commits that
/// touch the same paths. A path "touches" when its tree entry (blob, or tree for a
/// directory) differs between a commit and its first parent — no diff is computed.
///
/// Thread-safe: rules may run on several threads, so the handle is used under a lock
/// and answers are cached (the patches of a series usually touch the same paths).
public final class GitHistoryProvider: HistoryProvider, @unchecked Sendable {
    /// How far back to look before giving up on finding `limit` subjects.
    public static let maxCommitsScanned = 4000

    private let repository: GitRepository
    private let lock = NSLock()
    private var cache: [String: [String]] = [:]

    public init(repository: GitRepository) throws {
        self.repository = try repository.reopened()
    }

    public func subjects(touching paths: [String], before commitID: String?, limit: Int) -> [String] {
        guard !paths.isEmpty, limit > 0 else { return [] }
        let key = (commitID ?? "HEAD") + "\u{0}" + paths.sorted().joined(separator: "\u{0}") + "\u{0}\(limit)"
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[key] { return cached }
        let found = (try? search(paths: paths, before: commitID, limit: limit)) ?? []
        cache[key] = found
        return found
    }

    private func search(paths: [String], before commitID: String?, limit: Int) throws -> [String] {
        var walker: OpaquePointer?
        guard git_revwalk_new(&walker, repository.pointer) >= 0, let walker else { return [] }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        if let commitID {
            // Only the ancestors of the commit under review.
            let commit = try repository.lookupCommit(try oid(commitID))
            defer { git_commit_free(commit) }
            for i in 0..<git_commit_parentcount(commit) {
                var parent = git_commit_parent_id(commit, i)!.pointee
                _ = git_revwalk_push(walker, &parent)
            }
        } else {
            guard !repository.isHeadUnborn, git_revwalk_push_head(walker) >= 0 else { return [] }
        }
        var subjects: [String] = []
        var scanned = 0
        var next = git_oid()
        while subjects.count < limit, scanned < Self.maxCommitsScanned, git_revwalk_next(&next, walker) == 0 {
            scanned += 1
            var commit: OpaquePointer?
            guard git_commit_lookup(&commit, repository.pointer, &next) >= 0, let commit else { continue }
            defer { git_commit_free(commit) }
            // Merges say nothing about a path's subject convention.
            guard git_commit_parentcount(commit) <= 1 else { continue }
            if try touches(commit, paths), let summary = git_commit_summary(commit) {
                subjects.append(String(cString: summary))
            }
        }
        return subjects
    }

    private func touches(_ commit: OpaquePointer, _ paths: [String]) throws -> Bool {
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, commit) >= 0, let tree else { return false }
        defer { git_tree_free(tree) }
        var parentTree: OpaquePointer?
        if git_commit_parentcount(commit) == 1 {
            var parent: OpaquePointer?
            if git_commit_parent(&parent, commit, 0) >= 0, let parent {
                _ = git_commit_tree(&parentTree, parent)
                git_commit_free(parent)
            }
        }
        defer { if let parentTree { git_tree_free(parentTree) } }
        for path in paths where entryID(tree, path) != entryID(parentTree, path) {
            return true
        }
        return false
    }

    private func entryID(_ tree: OpaquePointer?, _ path: String) -> String? {
        guard let tree else { return nil }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) >= 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        return git_tree_entry_id(entry).pointee.hex
    }

    private func oid(_ hex: String) throws -> git_oid {
        var oid = git_oid()
        try LibGit2.check(git_oid_fromstr(&oid, hex), "bad commit id \(hex)")
        return oid
    }
}
