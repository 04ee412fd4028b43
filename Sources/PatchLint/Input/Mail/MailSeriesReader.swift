/// Turns the mails of one or more inputs into a `Series`.
///
/// - Each mail with a diff becomes a `Patch` (origin `.mail`); the first `[PATCH 0/N]` mail
///   without a diff becomes the cover letter; other mails without a diff (replies,
///   discussion) are skipped and counted in one note.
/// - Patches are ordered by their k of `k/N` (then by input order). A patch's total is N
///   from its tags; without tags, k is its position and N the number of patches.
/// - One bad mail in a multi-mail input does not stop the run: its problem goes to
///   `Series.notes` and the others are reviewed. When no patch can be read at all, the
///   first mail's problem is the error (so a single malformed patch file is an error).
public enum MailSeriesReader {
    /// One mail and where it came from.
    public struct Entry: Sendable {
        public var sourceName: String
        /// 1-based position among all mails read in this run.
        public var position: Int
        public var message: MailMessage

        public init(sourceName: String, position: Int, message: MailMessage) {
            self.sourceName = sourceName
            self.position = position
            self.message = message
        }
    }

    /// `inputName` names the whole input in the "no patch found" error.
    public static func read(_ entries: [Entry], inputName: String) throws -> Series {
        var found: [(patch: Patch, subject: MailSubject, order: Int)] = []
        var coverLetter: Series.CoverLetter?
        var problems: [InputError] = []
        var skipped = 0
        for entry in entries {
            switch PatchMailParser.parse(entry.message, position: entry.position) {
            case .patch(let patch, let subject):
                found.append((patch, subject, found.count))
            case .coverLetter(let letter, _):
                if coverLetter == nil { coverLetter = letter } else { skipped += 1 }
            case .notAPatch:
                skipped += 1
            case .malformed(let error):
                problems.append(InputError("\(entry.sourceName): \(error.message)"))
            }
        }
        guard !found.isEmpty else {
            if let first = problems.first {
                let more = problems.count > 1 ? " (and \(problems.count - 1) more malformed mails)" : ""
                throw InputError(first.message + more)
            }
            throw InputError("\(inputName): no patch found (not an mbox, patch file or mail with a diff)")
        }

        found.sort { a, b in
            let ka = a.subject.index ?? Int.max, kb = b.subject.index ?? Int.max
            return ka != kb ? ka < kb : a.order < b.order
        }
        var patches: [Patch] = []
        patches.reserveCapacity(found.count)
        for (position, item) in found.enumerated() {
            var patch = item.patch
            if let k = item.subject.index, let n = item.subject.total {
                patch.index = k; patch.total = n
            } else {
                patch.index = position + 1; patch.total = found.count
            }
            patches.append(patch)
        }

        var notes = problems.map { "skipped a malformed mail: \($0.message)" }
        if skipped > 0 {
            notes.append("\(inputName): \(skipped) mail\(skipped == 1 ? "" : "s") without a patch skipped "
                         + "(replies, discussion, extra cover letters)")
        }
        return Series(patches: patches, coverLetter: coverLetter, notes: notes)
    }
}
