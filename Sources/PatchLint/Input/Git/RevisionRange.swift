import CGit2

/// The commits a revision argument names, oldest first, as users type them to git:
/// `A..B`, `A...B` (symmetric difference), a single `<rev>` (that one commit),
/// `<rev>-N` (checkpatch's "the last N commits ending at rev"), and anything
/// `git rev-parse` accepts on either side (`HEAD~5`, tags, `@{u}`).
public struct RevisionRange: Sendable, Hashable {
    public var commitIDs: [String]
    /// Merge commits inside the range, skipped like checkpatch skips them.
    public var skippedMerges: [String]

    public struct Options: Sendable, Hashable {
        /// Follow only first parents when walking a range (`--first-parent`).
        public var firstParent: Bool = false

        public init(firstParent: Bool = false) {
            self.firstParent = firstParent
        }
    }

    static func resolve(_ spec: String, in repo: GitRepository,
                        options: Options = Options()) throws -> RevisionRange {
        _ = LibGit2.initialized
        if let (rev, count) = lastNForm(spec), (try? repo.resolveCommit(spec)) == nil {
            return try lastN(count, endingAt: try repo.resolveCommit(rev), in: repo, options: options)
        }
        var revspec = git_revspec()
        let code = git_revparse(&revspec, repo.pointer, spec)
        guard code >= 0 else {
            if spec.contains("..") { throw rangeError(spec, repo: repo) }
            throw repo.unknownRevision(spec)
        }
        defer {
            if let from = revspec.from { git_object_free(from) }
            if let to = revspec.to { git_object_free(to) }
        }
        if revspec.flags & GIT_REVSPEC_SINGLE.rawValue != 0 {
            guard let from = revspec.from else { throw repo.unknownRevision(spec) }
            let oid = try peelToCommit(from, spec: spec)
            return RevisionRange(commitIDs: [oid.hex], skippedMerges: [])
        }
        // A range. An omitted side means HEAD ("A.." or "..B").
        let fromOID = try revspec.from.map { try peelToCommit($0, spec: spec) } ?? repo.resolveCommit("HEAD")
        let toOID = try revspec.to.map { try peelToCommit($0, spec: spec) } ?? repo.resolveCommit("HEAD")
        var hide = [fromOID]
        var push = [toOID]
        if revspec.flags & GIT_REVSPEC_MERGE_BASE.rawValue != 0 {
            push.append(fromOID)
            hide = try mergeBases(fromOID, toOID, in: repo)
        }
        return try walk(push: push, hide: hide, in: repo, options: options, limit: nil)
    }

    /// `<rev>-N`, when the text has that shape.
    static func lastNForm(_ spec: String) -> (String, Int)? {
        guard let dash = spec.lastIndex(of: "-") else { return nil }
        let digits = spec[spec.index(after: dash)...]
        let rev = spec[..<dash]
        guard !rev.isEmpty, !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n > 0
        else { return nil }
        return (String(rev), n)
    }

    static func lastN(_ count: Int, endingAt tip: git_oid, in repo: GitRepository,
                      options: Options) throws -> RevisionRange {
        try walk(push: [tip], hide: [], in: repo, options: options, limit: count)
    }

    static func peelToCommit(_ object: OpaquePointer, spec: String) throws -> git_oid {
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) >= 0, let commit else {
            throw InputError("'\(spec)' does not name a commit")
        }
        defer { git_object_free(commit) }
        return git_object_id(commit).pointee
    }

    static func mergeBases(_ a: git_oid, _ b: git_oid, in repo: GitRepository) throws -> [git_oid] {
        var array = git_oidarray()
        var a = a, b = b
        let code = git_merge_bases(&array, repo.pointer, &a, &b)
        if code == GIT_ENOTFOUND.rawValue { return [] }  // unrelated histories: hide nothing
        try LibGit2.check(code, "cannot compute merge base")
        defer { git_oidarray_dispose(&array) }
        return (0..<array.count).map { array.ids[$0] }
    }

    static func rangeError(_ spec: String, repo: GitRepository) -> InputError {
        let sides = spec.components(separatedBy: spec.contains("...") ? "..." : "..")
        for side in sides where !side.isEmpty {
            if (try? repo.resolveCommit(side)) == nil { return repo.unknownRevision(side) }
        }
        return InputError("invalid revision range '\(spec)'")
    }

    /// Walks from `push` excluding what `hide` reaches, newest first, and returns the
    /// commits oldest first. Merges are skipped (and counted); `limit` counts non-merge
    /// commits, as `git log --no-merges -N` does.
    static func walk(push: [git_oid], hide: [git_oid], in repo: GitRepository,
                     options: Options, limit: Int?) throws -> RevisionRange {
        var walker: OpaquePointer?
        try LibGit2.check(git_revwalk_new(&walker, repo.pointer), "cannot walk history")
        guard let walker else { throw InputError("cannot walk history") }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        if options.firstParent { git_revwalk_simplify_first_parent(walker) }
        for var oid in push {
            try LibGit2.check(git_revwalk_push(walker, &oid), "cannot walk from \(oid.hex)")
        }
        for var oid in hide {
            try LibGit2.check(git_revwalk_hide(walker, &oid), "cannot exclude \(oid.hex)")
        }
        var commits: [String] = []
        var merges: [String] = []
        var oid = git_oid()
        while true {
            if let limit, commits.count >= limit { break }
            let code = git_revwalk_next(&oid, walker)
            if code == GIT_ITEROVER.rawValue { break }
            if code < 0 {
                var message = LibGit2.lastErrorMessage("history walk failed")
                if repo.isShallow { message += " (shallow clone: fetch more history with git fetch --deepen=N)" }
                throw InputError(message)
            }
            let commit = try repo.lookupCommit(oid)
            let parents = git_commit_parentcount(commit)
            git_commit_free(commit)
            if parents > 1 {
                merges.append(oid.hex)
            } else {
                commits.append(oid.hex)
            }
        }
        return RevisionRange(commitIDs: commits.reversed(), skippedMerges: merges.reversed())
    }
}
