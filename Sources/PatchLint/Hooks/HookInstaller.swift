import Foundation

/// Installs mmu-review as a git hook without ever losing a hook that was there.
///
/// - No hook: ours is written.
/// - Our hook already there: rewritten (idempotent; picks up a moved binary).
/// - Someone else's hook: refused, unless `--chain` (theirs is kept as
///   `<hook>.mmu-review-chained` and ours runs it first, passing its arguments and
///   failing when it fails) or `--force` (theirs is kept as `<hook>.mmu-review-backup`).
/// - Uninstall removes ours and renames the kept hook back, so the original returns
///   byte for byte with its mode.
public struct HookInstaller {
    public enum Kind: String, CaseIterable, Sendable {
        /// Reviews the index before the commit is made.
        case preCommit = "pre-commit"
        /// Reviews the index together with the message being committed.
        case commitMsg = "commit-msg"
    }

    public enum Status: Equatable, Sendable {
        case notInstalled
        case installed(chained: Bool)
        /// A hook that is not mmu-review's.
        case foreign
    }

    /// Identifies our hooks; also names the hook kind and format version.
    static let marker = "# mmu-review-hook: v1"

    public let hooksDirectory: String
    public let kind: Kind

    public init(hooksDirectory: String, kind: Kind) {
        self.hooksDirectory = hooksDirectory
        self.kind = kind
    }

    public var hookPath: String { hooksDirectory + "/" + kind.rawValue }
    public var chainedPath: String { hookPath + ".mmu-review-chained" }
    public var backupPath: String { hookPath + ".mmu-review-backup" }

    public func status() -> Status {
        guard let content = try? String(contentsOfFile: hookPath, encoding: .utf8) else {
            return FileManager.default.fileExists(atPath: hookPath) ? .foreign : .notInstalled
        }
        guard content.contains(Self.marker) else { return .foreign }
        return .installed(chained: FileManager.default.fileExists(atPath: chainedPath))
    }

    /// Installs; returns a one-line description of what was done.
    @discardableResult
    public func install(executable: String, chain: Bool, force: Bool) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        var done = "installed \(kind.rawValue) hook at \(hookPath)"
        switch status() {
        case .installed(let chained):
            if chain && !chained {
                throw InputError("the \(kind.rawValue) hook is already mmu-review's and chains nothing; there is no other hook to chain")
            }
            done = "updated \(kind.rawValue) hook at \(hookPath)" + (chained ? " (still running the chained hook first)" : "")
        case .foreign:
            if chain {
                try keep(at: chainedPath)
                done += " (your hook runs first; kept as \(chainedPath))"
            } else if force {
                try keep(at: backupPath)
                done += " (your hook was kept as \(backupPath))"
            } else {
                throw InputError("a \(kind.rawValue) hook that is not mmu-review's exists at \(hookPath): use --chain to run it first, or --force to replace it (it is kept as \(backupPath))")
            }
        case .notInstalled:
            break
        }
        try write(script(executable: executable))
        return done
    }

    /// Uninstalls ours and restores what it replaced; returns what was done.
    @discardableResult
    public func uninstall() throws -> String {
        let fm = FileManager.default
        switch status() {
        case .notInstalled:
            return "no \(kind.rawValue) hook installed at \(hookPath)"
        case .foreign:
            throw InputError("the \(kind.rawValue) hook at \(hookPath) is not mmu-review's: leaving it alone")
        case .installed:
            try fm.removeItem(atPath: hookPath)
            for kept in [chainedPath, backupPath] where fm.fileExists(atPath: kept) {
                try fm.moveItem(atPath: kept, toPath: hookPath)
                return "removed mmu-review's \(kind.rawValue) hook and restored the original at \(hookPath)"
            }
            return "removed mmu-review's \(kind.rawValue) hook"
        }
    }

    /// Moves the existing hook aside, refusing to overwrite an earlier kept copy.
    private func keep(at destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw InputError("\(destination) already exists: move it away first, nothing was changed")
        }
        try FileManager.default.moveItem(atPath: hookPath, toPath: destination)
    }

    private func write(_ script: String) throws {
        let temporary = hookPath + ".mmu-review-new"
        try Data(script.utf8).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary)
        _ = try? FileManager.default.removeItem(atPath: hookPath)
        try FileManager.default.moveItem(atPath: temporary, toPath: hookPath)
    }

    func script(executable: String) -> String {
        let review: String
        switch kind {
        case .preCommit: review = "--staged"
        case .commitMsg: review = "--staged --message-file \"$1\""
        }
        return """
            #!/bin/sh
            # mmu-review \(kind.rawValue) hook: `mmu-review hook uninstall\(kind == .commitMsg ? " --type commit-msg" : "")` removes it
            # and restores any hook it replaced. Skip it once with `git commit --no-verify`.
            \(Self.marker) \(kind.rawValue)
            chained="$(dirname "$0")/\(kind.rawValue).mmu-review-chained"
            if [ -x "$chained" ]; then
            \t"$chained" "$@" || exit $?
            fi
            mmu_review=${MMU_REVIEW:-\(Self.shellQuoted(executable))}
            exec "$mmu_review" \(review)

            """
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
