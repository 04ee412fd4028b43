import CGit2
import Foundation

/// An open repository. Not safe to share across threads: open one per worker.
public final class GitRepository {
    let pointer: OpaquePointer
    /// How this handle was opened, so workers can open their own (handles and the
    /// objects from them must not be shared across threads).
    private let openedFrom: String?

    /// Opens the repository the way git does: discover upward from the current
    /// directory, honouring GIT_DIR, GIT_WORK_TREE, GIT_CEILING_DIRECTORIES and the
    /// other variables git reads (hooks run with GIT_DIR set). `-C dir` is applied by
    /// the caller changing directory first, exactly as `git -C` does.
    public static func openFromEnvironment() throws -> GitRepository {
        _ = LibGit2.initialized
        var repo: OpaquePointer?
        let code = git_repository_open_ext(&repo, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil)
        guard code >= 0, let repo else {
            if code == GIT_ENOTFOUND.rawValue {
                let cwd = FileManager.default.currentDirectoryPath
                throw InputError("not a git repository (or any parent up to /): \(cwd)")
            }
            throw InputError("cannot open repository: \(LibGit2.lastErrorMessage("error \(code)"))")
        }
        return GitRepository(pointer: repo, openedFrom: nil)
    }

    /// Opens the repository at (or above) `path`, ignoring the environment.
    public static func open(discoveringFrom path: String) throws -> GitRepository {
        _ = LibGit2.initialized
        var repo: OpaquePointer?
        let code = git_repository_open_ext(&repo, path, 0, nil)
        guard code >= 0, let repo else {
            throw InputError("not a git repository (or any parent up to /): \(path)")
        }
        return GitRepository(pointer: repo, openedFrom: path)
    }

    init(pointer: OpaquePointer, openedFrom: String?) {
        self.pointer = pointer
        self.openedFrom = openedFrom
    }

    /// A second, independent handle on the same repository, for another thread.
    public func reopened() throws -> GitRepository {
        if let openedFrom { return try Self.open(discoveringFrom: openedFrom) }
        return try Self.openFromEnvironment()
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The working tree, or nil for a bare repository.
    public var workingDirectory: String? {
        guard let workdir = git_repository_workdir(pointer) else { return nil }
        return String(cString: workdir)
    }

    /// The .git directory.
    public var gitDirectory: String {
        String(cString: git_repository_path(pointer))
    }

    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// True when HEAD points at a branch with no commit yet.
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    /// Resolves anything `git rev-parse` accepts to a commit id.
    func resolveCommit(_ spec: String) throws -> git_oid {
        var object: OpaquePointer?
        let code = git_revparse_single(&object, pointer, spec)
        guard code >= 0, let object else {
            throw unknownRevision(spec)
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) >= 0, let commit else {
            throw InputError("'\(spec)' does not name a commit")
        }
        defer { git_object_free(commit) }
        return git_object_id(commit).pointee
    }

    func unknownRevision(_ spec: String) -> InputError {
        var message = "unknown revision '\(spec)'"
        if isShallow {
            message += " (this is a shallow clone: fetch more history with git fetch --deepen=N)"
        } else if isHeadUnborn {
            message += " (the current branch has no commits yet)"
        }
        return InputError(message)
    }

    /// Looks up a commit; the caller frees it with `git_commit_free`.
    func lookupCommit(_ oid: git_oid) throws -> OpaquePointer {
        var oid = oid
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, pointer, &oid) >= 0, let commit else {
            var message = "commit \(oid.hex) is missing from the repository"
            if isShallow { message += " (shallow clone: fetch more history with git fetch --deepen=N)" }
            throw InputError(message)
        }
        return commit
    }

    /// The upstream of the current branch (`@{u}`), when one is configured.
    func upstreamExists() -> Bool {
        var object: OpaquePointer?
        guard git_revparse_single(&object, pointer, "@{u}") >= 0, let object else { return false }
        git_object_free(object)
        return true
    }
}

extension GitRepository {
    /// A configuration value as a path (`~` expanded), or nil when unset.
    public func configPath(_ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, pointer) >= 0, let config else { return nil }
        defer { git_config_free(config) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_config_get_path(&buffer, config, key) >= 0, let raw = buffer.ptr else { return nil }
        return String(cString: raw)
    }

    /// The directory git runs hooks from: `core.hooksPath` (relative to the working
    /// tree, as git resolves it) or `$GIT_DIR/hooks`.
    public var hooksDirectory: String {
        if let configured = configPath("core.hooksPath"), !configured.isEmpty {
            if configured.hasPrefix("/") { return configured }
            let base = workingDirectory ?? gitDirectory
            return (base.hasSuffix("/") ? base : base + "/") + configured
        }
        let dir = gitDirectory
        return (dir.hasSuffix("/") ? dir : dir + "/") + "hooks"
    }
}

extension GitRepository {
    /// The staged content of a path (stage 0 of the index), or nil when not staged.
    public func indexContent(of path: String) throws -> [UInt8]? {
        var index: OpaquePointer?
        try LibGit2.check(git_repository_index(&index, pointer), "cannot read the index")
        defer { git_index_free(index) }
        guard let entry = git_index_get_bypath(index, path, 0) else { return nil }
        var oid = entry.pointee.id
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, pointer, &oid), "cannot read the staged \(path)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }
}
