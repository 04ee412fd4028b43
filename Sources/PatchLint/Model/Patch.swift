import Foundation

/// Someone named in a commit or mail header.
public struct Person: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// `Name <email>`, as git and mail headers print it.
    public var formatted: String { name.isEmpty ? "<\(email)>" : "\(name) <\(email)>" }
}

/// One commit or one mailed patch: metadata plus the file diffs.
public struct Patch: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        /// A commit read from a repository; the id is the full 40-hex sha.
        case commit
        /// A mailed patch; the id is the Message-Id (or a synthetic one when absent).
        case mail
        /// The index against HEAD (`--staged`).
        case staged
    }

    public var origin: Origin
    /// Full sha for commits, Message-Id for mails, "staged" for the index.
    public var id: String
    public var author: Person?
    public var date: Date?
    public var committer: Person?
    /// The subject without mail tags such as `[PATCH v2 03/28]`.
    public var subject: String
    /// The commit message after the subject line (trailers included), without the
    /// `---` diffstat part of a mail.
    public var body: String
    public var trailers: [Trailer]
    /// k of the subject's k/N for a mailed patch, the position for a commit; `total` is
    /// N. For display and numbering checks only: a mailbox holding several series
    /// repeats numbers and may miss some, so `position` identifies the patch.
    public var index: Int
    public var total: Int
    /// Position in the series, 1-based; set by `Series` (diagnostics point into the
    /// series with it).
    public internal(set) var position: Int
    /// Series version from a `[PATCH v2 …]` tag (1 when none).
    public var version: Int
    /// Subject tags other than PATCH and vN (RFC, RESEND, a tree name...).
    public var tags: [String]
    public var parentIDs: [String]
    public var files: [FileDiff] {
        didSet { derived = PatchDerivedCache() }
    }
    /// What is computed from `files` (lexed views), shared by copies of this patch.
    var derived = PatchDerivedCache()

    public init(origin: Origin, id: String, author: Person? = nil, date: Date? = nil,
                committer: Person? = nil, subject: String, body: String = "",
                trailers: [Trailer]? = nil, index: Int = 1, total: Int = 1, version: Int = 1,
                tags: [String] = [], parentIDs: [String] = [], files: [FileDiff] = []) {
        self.origin = origin
        self.id = id
        self.author = author
        self.date = date
        self.committer = committer
        self.subject = subject
        self.body = body
        self.trailers = trailers ?? TrailerParser.trailers(ofMessageBody: body)
        self.index = index
        self.total = total
        self.position = index
        self.version = version
        self.tags = tags
        self.parentIDs = parentIDs
        self.files = files
    }

    /// Abbreviated id for display: 12 hex digits for commits (as the kernel's Fixes: tag),
    /// the Message-Id as it is for mails.
    public var shortID: String {
        origin == .commit ? String(id.prefix(12)) : id
    }

    public var isMerge: Bool { parentIDs.count > 1 }

    /// False for staged changes reviewed before a message exists (pre-commit hook);
    /// message rules stay silent then.
    public var hasMessage: Bool { origin != .staged || !subject.isEmpty || !body.isEmpty }

    /// The patch without its diff lines (`FileDiff.hollowed()`): what a streamed review
    /// keeps of a patch once its own rules have run.
    public func hollowed() -> Patch {
        var copy = self
        copy.files = files.map { $0.hollowed() }
        return copy
    }

    /// The patch with a commit message as git stores it in COMMIT_EDITMSG: comment
    /// lines (`#`) and everything below the scissors line are dropped, as git does.
    public func withMessage(fromEditor text: String, commentChar: Character = "#") -> Patch {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\(commentChar) ") && line.contains(">8") && line.contains("---") { break }
            if line.first == commentChar { continue }
            kept.append(line)
        }
        let (subject, body) = CommitMessage.split(kept.joined(separator: "\n"))
        var patch = self
        patch.subject = subject
        patch.body = body
        patch.trailers = TrailerParser.trailers(ofMessageBody: body)
        return patch
    }
}

/// A patch series: what one review run looks at.
public struct Series: Sendable, Hashable {
    /// A mailed series' cover letter (`[PATCH 00/N]`), kept as the series description.
    public struct CoverLetter: Sendable, Hashable {
        public var id: String
        public var subject: String
        public var body: String
        public var total: Int

        public init(id: String, subject: String, body: String, total: Int) {
            self.id = id
            self.subject = subject
            self.body = body
            self.total = total
        }
    }

    public var patches: [Patch] {
        didSet { Self.assignPositions(&patches) }
    }
    public var coverLetter: CoverLetter?
    /// Things the reader skipped and the user should know about (merges, empty mails...).
    public var notes: [String]

    public init(patches: [Patch], coverLetter: CoverLetter? = nil, notes: [String] = []) {
        var patches = patches
        Self.assignPositions(&patches)
        self.patches = patches
        self.coverLetter = coverLetter
        self.notes = notes
    }

    private static func assignPositions(_ patches: inout [Patch]) {
        for i in patches.indices where patches[i].position != i + 1 {
            patches[i].position = i + 1
        }
    }
}
