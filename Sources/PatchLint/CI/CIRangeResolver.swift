import Foundation

/// Finds the range a CI job means, from what the CI system tells its jobs:
///
/// 1. `--base REF`: `REF..HEAD`.
/// 2. GitHub pull requests: `pull_request.base.sha..pull_request.head.sha` from the
///    event file (`GITHUB_EVENT_PATH`), which avoids reviewing the synthetic merge
///    commit actions/checkout makes; else `origin/$GITHUB_BASE_REF..HEAD`.
/// 3. GitLab merge requests: `$CI_MERGE_REQUEST_DIFF_BASE_SHA..HEAD`.
/// 4. Otherwise the default branch: `origin/HEAD`, `origin/main`, `origin/master`,
///    `main` or `master`, whichever exists first: `<it>..HEAD` (everything since the
///    merge base).
public struct CIRangeResolver {
    public struct Resolution: Sendable, Hashable {
        /// A revision argument for the reader.
        public var revision: String
        /// How it was found, for the log.
        public var reason: String
    }

    public var environment: [String: String]
    public var base: String?

    public init(environment: [String: String], base: String? = nil) {
        self.environment = environment
        self.base = base
    }

    public func resolve(in repository: GitRepository) throws -> Resolution {
        func exists(_ rev: String) -> Bool { (try? repository.resolveCommit(rev)) != nil }

        if let base {
            guard exists(base) else { throw repository.unknownRevision(base) }
            return Resolution(revision: "\(base)..HEAD", reason: "--base \(base)")
        }
        if let eventPath = environment["GITHUB_EVENT_PATH"],
           let data = FileManager.default.contents(atPath: eventPath),
           let event = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let pull = event["pull_request"] as? [String: Any],
           let baseSHA = (pull["base"] as? [String: Any])?["sha"] as? String {
            let headSHA = (pull["head"] as? [String: Any])?["sha"] as? String
            guard exists(baseSHA) else {
                throw InputError("the pull request's base commit \(baseSHA.prefix(12)) is not in this clone: check out with fetch-depth: 0")
            }
            let tip = headSHA.flatMap { exists($0) ? $0 : nil } ?? "HEAD"
            return Resolution(revision: "\(baseSHA)..\(tip)", reason: "GitHub pull request (event file)")
        }
        if let ref = environment["GITHUB_BASE_REF"], !ref.isEmpty {
            let remote = "origin/\(ref)"
            guard exists(remote) else {
                throw InputError("the pull request's base branch \(remote) is not in this clone: check out with fetch-depth: 0")
            }
            return Resolution(revision: "\(remote)..HEAD", reason: "GitHub pull request into \(ref)")
        }
        if let sha = environment["CI_MERGE_REQUEST_DIFF_BASE_SHA"], !sha.isEmpty {
            guard exists(sha) else {
                throw InputError("the merge request's base commit \(sha.prefix(12)) is not in this clone: set GIT_DEPTH: 0")
            }
            return Resolution(revision: "\(sha)..HEAD", reason: "GitLab merge request")
        }
        for candidate in ["origin/HEAD", "origin/main", "origin/master", "main", "master"] where exists(candidate) {
            return Resolution(revision: "\(candidate)..HEAD", reason: "since the merge base with \(candidate)")
        }
        throw InputError("cannot tell which commits to review: pass --base REF (no pull request variables and no default branch found)")
    }
}
