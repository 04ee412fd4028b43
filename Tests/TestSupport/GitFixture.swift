import Foundation

/// A scratch git repository built with the real `git` (tests only: the product
/// reads repositories through libgit2). Identity, dates and configuration are
/// fixed so commit ids are reproducible and no user configuration leaks in.
public final class GitFixture {
    public let root: URL

    public init(initialBranch: String = "master") throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("mmu-review-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try git("init", "-q", "-b", initialBranch, ".")
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    public var path: String { root.path }

    private var tick = 0

    /// Environment for git and for the product under test.
    public static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("GIT_") { env[key] = nil }
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_AUTHOR_NAME"] = "Ann Author"
        env["GIT_AUTHOR_EMAIL"] = "ann@example.org"
        env["GIT_COMMITTER_NAME"] = "Cy Committer"
        env["GIT_COMMITTER_EMAIL"] = "cy@example.org"
        env["NO_COLOR"] = "1"
        return env
    }

    /// Runs git in the repository and returns its standard output.
    @discardableResult
    public func git(_ arguments: String..., input: Data? = nil) throws -> String {
        try git(arguments, input: input)
    }

    @discardableResult
    public func git(_ arguments: [String], input: Data? = nil) throws -> String {
        tick += 1
        var env = Self.environment
        let date = "\(1_700_000_000 + tick * 60) +0000"
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
        let result = try Subprocess.run("/usr/bin/git", arguments, directory: path,
                                        environment: env, input: input)
        guard result.status == 0 else {
            throw FixtureError("git \(arguments.joined(separator: " ")) failed: \(result.stderrText)")
        }
        return result.stdoutText
    }

    public func write(_ relativePath: String, _ content: String) throws {
        try write(relativePath, Data(content.utf8))
    }

    public func write(_ relativePath: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Stages everything and commits; returns the new commit's full sha.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty", "-m", message)
        return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func sha(_ rev: String) throws -> String {
        try git("rev-parse", rev).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
