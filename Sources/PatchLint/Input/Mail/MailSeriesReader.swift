/// Turns the mails of one or more inputs into a `Series`.
///
/// - Each mail with a diff becomes a `Patch` (origin `.mail`); the first `[PATCH 0/N]` mail
///   without a diff becomes the cover letter; other mails without a diff (replies,
///   discussion) are skipped and counted in one note.
/// - Patches are ordered by their k of `k/N` (then by input order). A patch's total is N
///   from its tags; without tags, k is its position and N the number of patches.
/// - A reply (`Re: [PATCH ...]`) that carries its own diff ("something like this?") is a
///   review suggestion, not part of the series: it is read as a patch only when the input
///   has no patch that is not a reply (someone saved just that mail). Otherwise replies
///   with diffs, readable or not, are skipped and counted in a note.
/// - One bad mail in a multi-mail input does not stop the run: its problem goes to
///   `Series.notes` and the others are reviewed. When no patch can be read at all, the
///   first mail's problem is the error (so a single malformed patch file is an error).
public enum MailSeriesReader {
    /// The reader's state, fed one parsed mail at a time (`MailInput` parses them as
    /// it splits a mailbox, so every mail is never held at once).
    struct Collector {
        private var found: [(patch: Patch, subject: MailSubject, order: Int)] = []
        private var replies: [(patch: Patch, subject: MailSubject, order: Int)] = []
        private var coverLetter: Series.CoverLetter?
        private var problems: [InputError] = []
        private var replyProblems: [InputError] = []
        private var skipped = 0

        mutating func add(_ outcome: PatchMailParser.Outcome, from sourceName: String) {
            switch outcome {
            case .patch(let patch, let subject) where subject.isReply:
                replies.append((patch, subject, replies.count))
            case .patch(let patch, let subject):
                found.append((patch, subject, found.count))
            case .coverLetter(let letter, _):
                if coverLetter == nil { coverLetter = letter } else { skipped += 1 }
            case .notAPatch:
                skipped += 1
            case .malformed(let error, let subject):
                let located = InputError("\(sourceName): \(error.message)")
                if subject.isReply { replyProblems.append(located) } else { problems.append(located) }
            }
        }

        /// `inputName` names the whole input in the "no patch found" error.
        func series(inputName: String) throws -> Series {
            var found = found
            var problems = problems
            var skippedReplies = 0
            if found.isEmpty && problems.isEmpty {
                found = replies
                problems = replyProblems
            } else {
                skippedReplies = replies.count + replyProblems.count
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
            if skippedReplies > 0 {
                notes.append("\(inputName): \(skippedReplies) repl\(skippedReplies == 1 ? "y" : "ies") carrying a diff "
                             + "skipped (review suggestions, not part of the series)")
            }
            if skipped > 0 {
                notes.append("\(inputName): \(skipped) mail\(skipped == 1 ? "" : "s") without a patch skipped "
                             + "(replies, discussion, extra cover letters)")
            }
            return Series(patches: patches, coverLetter: coverLetter, notes: notes)
        }
    }
}
