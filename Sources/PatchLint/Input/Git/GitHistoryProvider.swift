import CGit2
import Foundation

/// The repository's own history for SUBJECT_PREFIX: subjects of recent commits that
/// touch the same paths, newest first, in `git log`'s order (`CommitDateQueue`). A
/// commit touches a path when the path's entry (blob, or absence) differs from its
/// parent's; merges are walked through but never counted, as with `git log
/// --no-merges --full-history -- PATHS`.
///
/// Cheap on deep history and on long series: a walk yields commits as it goes (no
/// sort of the whole reachable history first), what it learns about a commit (parents,
/// date, subject, tree) is kept for the next walk (the patches of a series ask about
/// overlapping ancestors), and a path is compared top down, stopping at the first
/// directory whose tree is the same in both commits, so a commit that changed
/// nothing near the path costs two lookups in its root tree.
///
/// Thread-safe: rules run on several threads, so the handle is used under a lock.
public final class GitHistoryProvider: HistoryProvider, @unchecked Sendable {
    /// How far back to look before giving up on finding `limit` subjects.
    public static let defaultMaxCommitsScanned = 4000
    public let maxCommitsScanned: Int

    /// What a walk needs to know about a commit.
    private struct CommitFacts {
        var parents: [git_oid]
        var time: Int64
        var summary: String?
        var tree: git_oid
    }

    private let repository: GitRepository
    private let lock = NSLock()
    private var answers: [String: [String]] = [:]
    private var facts: [GitObjectID: CommitFacts] = [:]
    /// Trees looked up so far, owned here (freed in deinit): the entries a path
    /// comparison holds point into them.
    private var trees: [GitObjectID: OpaquePointer] = [:]
    /// Finished walks, by paths and limit, then by the commit they started below: each
    /// subject found with its position in the walk (1 = the first commit scanned). A
    /// later walk that comes down a straight line of history onto that commit takes the
    /// rest from there (a series asks about descendants of what it asked about before).
    private var walks: [String: [GitObjectID: [(scan: Int, subject: String)]]] = [:]

    public init(repository: GitRepository, maxCommitsScanned: Int = defaultMaxCommitsScanned) throws {
        self.repository = try repository.reopened()
        self.maxCommitsScanned = maxCommitsScanned
    }

    deinit {
        for tree in trees.values { git_tree_free(tree) }
    }

    public func subjects(touching paths: [String], before commitID: String?, limit: Int) -> [String] {
        guard !paths.isEmpty, limit > 0 else { return [] }
        let key = (commitID ?? "HEAD") + "\u{0}" + paths.sorted().joined(separator: "\u{0}") + "\u{0}\(limit)"
        lock.lock()
        defer { lock.unlock() }
        if let cached = answers[key] { return cached }
        let found = (try? search(paths: paths, before: commitID, limit: limit)) ?? []
        answers[key] = found
        return found
    }

    private func search(paths: [String], before commitID: String?, limit: Int) throws -> [String] {
        var queue = CommitDateQueue()
        var seen = Set<GitObjectID>()
        func enqueue(_ oid: git_oid) {
            guard seen.insert(GitObjectID(oid)).inserted, let commit = commitFacts(oid) else { return }
            queue.push(oid, time: commit.time)
        }
        if let commitID {
            // Only the ancestors of the commit under review.
            guard let commit = commitFacts(try oid(commitID)) else { return [] }
            commit.parents.forEach(enqueue)
        } else {
            var head = git_oid()
            guard !repository.isHeadUnborn,
                  git_reference_name_to_id(&head, repository.pointer, "HEAD") >= 0 else { return [] }
            enqueue(head)
        }
        let components = paths.map { $0.split(separator: "/").map { Array(String($0).utf8CString) } }
        let walkKey = paths.sorted().joined(separator: "\u{0}") + "\u{0}\(limit)"
        var found: [(scan: Int, subject: String)] = []
        var scanned = 0
        // True while the walk has been one straight line of commits: then nothing it has
        // seen is an ancestor of where it stands, and a walk made below it is this one's.
        var straight = queue.count == 1
        walk: while found.count < limit, scanned < maxCommitsScanned, let next = queue.pop() {
            scanned += 1
            guard let commit = commitFacts(next) else { continue }
            commit.parents.forEach(enqueue)
            if queue.count > 1 || commit.parents.count > 1 { straight = false }
            // Merges say nothing about a path's subject convention.
            if commit.parents.count <= 1, let summary = commit.summary {
                var parentTree: git_oid?
                if let parent = commit.parents.first {
                    // A parent beyond a shallow boundary: what the commit changed is unknown.
                    guard let facts = commitFacts(parent) else { continue }
                    parentTree = facts.tree
                }
                if components.contains(where: { differs($0, commit.tree, parentTree) }) {
                    found.append((scanned, summary))
                }
            }
            // On a straight line (the queue holds only this commit's parent), what follows
            // is exactly the walk below this commit: take it if it was made, as far as
            // this walk may go.
            guard straight, queue.count == 1, found.count < limit, scanned < maxCommitsScanned,
                  let below = walks[walkKey]?[GitObjectID(next)] else { continue }
            for entry in below where found.count < limit && scanned + entry.scan <= maxCommitsScanned {
                found.append((scanned + entry.scan, entry.subject))
            }
            break walk
        }
        if let commitID, let start = try? oid(commitID) {
            walks[walkKey, default: [:]][GitObjectID(start)] = found
        }
        return found.map(\.subject)
    }

    /// Parents, committer date, subject and tree of a commit; nil when it is not in
    /// the repository (the far side of a shallow clone).
    private func commitFacts(_ oid: git_oid) -> CommitFacts? {
        let key = GitObjectID(oid)
        if let known = facts[key] { return known }
        var oid = oid
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, repository.pointer, &oid) >= 0, let commit else { return nil }
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0)?.pointee }
        let known = CommitFacts(parents: parents, time: Int64(git_commit_time(commit)),
                                summary: git_commit_summary(commit).map { String(cString: $0) },
                                tree: git_commit_tree_id(commit).pointee)
        facts[key] = known
        return known
    }

    /// Whether the entry at a path differs between two root trees (nil: the empty
    /// tree). Walks down one component at a time and stops as soon as both sides
    /// hold the same object, or nothing, there.
    private func differs(_ path: [[CChar]], _ newRoot: git_oid, _ oldRoot: git_oid?) -> Bool {
        var new: OpaquePointer? = tree(newRoot)
        var old: OpaquePointer? = oldRoot.flatMap(tree)
        for (depth, name) in path.enumerated() {
            let newEntry = new.flatMap { git_tree_entry_byname($0, name) }
            let oldEntry = old.flatMap { git_tree_entry_byname($0, name) }
            switch (newEntry, oldEntry) {
            case (nil, nil):
                return false
            case let (a?, b?) where git_oid_cmp(git_tree_entry_id(a), git_tree_entry_id(b)) == 0:
                return false
            default:
                if depth == path.count - 1 { return true }
                // Below a file, the rest of the path does not exist on that side.
                new = newEntry.flatMap(subtree)
                old = oldEntry.flatMap(subtree)
            }
        }
        return false
    }

    private func subtree(_ entry: OpaquePointer) -> OpaquePointer? {
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
        return tree(git_tree_entry_id(entry).pointee)
    }

    private func tree(_ id: git_oid) -> OpaquePointer? {
        let key = GitObjectID(id)
        if let known = trees[key] { return known }
        var id = id
        var tree: OpaquePointer?
        guard git_tree_lookup(&tree, repository.pointer, &id) >= 0, let tree else { return nil }
        trees[key] = tree
        return tree
    }

    private func oid(_ hex: String) throws -> git_oid {
        var oid = git_oid()
        try LibGit2.check(git_oid_fromstr(&oid, hex), "bad commit id \(hex)")
        return oid
    }
}
