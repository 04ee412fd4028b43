/// Reads one mail as `git am` would: the commit message, the author and date, and the diff.
///
/// The mail's text (see `MailMessage.text()`) is cut in two where the diff starts: a
/// `diff --git` line, or a `--- X` / `+++ Y` / `@@` triple (a plain diff). Lines quoted
/// in a reply (`> diff --git`) never start a diff, so replies are not patches.
/// - The commit message is what comes before the first `---` line (the diffstat
///   separator) or before the diff when there is none; the diffstat and notes after `---`
///   are dropped, and so is a `-- ` signature.
/// - In-body `From:`, `Subject:` and `Date:` lines at the top of the message override the
///   mail's headers (a patch forwarded for someone else, as `git am` honours).
/// - A `[PATCH 0/N]` mail is the series' cover letter, even when it carries an interdiff.
/// - The diff part goes to `UnifiedDiffParser`; its `-- ` signature and anything after the
///   last hunk are ignored there.
enum PatchMailParser {
    enum Outcome {
        /// A patch; `subject` carries the k/N and version tags for the series reader.
        case patch(Patch, subject: MailSubject)
        case coverLetter(Series.CoverLetter, subject: MailSubject)
        /// No diff: a reply, a discussion, a pull request without a patch.
        case notAPatch
        /// A diff that cannot be read; the message names the mail's subject and the problem.
        case malformed(InputError, subject: MailSubject)
    }

    /// `position` (1-based, in the input) names mails without a Message-Id.
    static func parse(_ message: MailMessage, position: Int) -> Outcome {
        let headerSubject = message.subject
        let subject = MailSubject.parse(headerSubject)
        let id = message.messageID ?? "no-message-id-\(position)"
        let text = message.text()
        return text.withUnsafeBufferPointer { buffer -> Outcome in
            let lines = ByteLines(buffer)
            // `[PATCH 0/N]` introduces a series; an interdiff it may carry is not a patch.
            if subject.isCoverLetter, !subject.isReply {
                let body = decodedLines(lines, 0..<signatureStart(in: lines, before: lines.count))
                return .coverLetter(Series.CoverLetter(id: id, subject: subject.text, body: body,
                                                       total: subject.total ?? 0), subject: subject)
            }
            guard let diffStart = diffStart(in: lines) else { return .notAPatch }

            var messageEnd = diffStart
            for k in 0..<diffStart where lines[k].isDiffstatSeparator {
                messageEnd = k
                break
            }
            var author = message.headers["from"].flatMap(MailAddress.person(fromHeader:))
            var date = message.headers["date"].flatMap(MailDate.parse)
            var commitSubject = subject.text

            // In-body pseudo-headers, then the blank line after them.
            var bodyStart = 0
            while bodyStart < messageEnd, lines[bodyStart].isBlank { bodyStart += 1 }
            var sawPseudoHeader = false
            while bodyStart < messageEnd, let (name, value) = pseudoHeader(lines[bodyStart]) {
                sawPseudoHeader = true
                var folded = value
                bodyStart += 1
                while bodyStart < messageEnd, let first = lines[bodyStart].first,
                      first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                    folded += String(decoding: lines[bodyStart].slice, as: UTF8.self)
                    bodyStart += 1
                }
                switch name {
                case "from": author = MailAddress.person(fromHeader: folded) ?? author
                case "date": date = MailDate.parse(folded) ?? date
                default: commitSubject = MailSubject.parse(EncodedWords.decode(folded)).text
                }
            }
            if sawPseudoHeader {
                while bodyStart < messageEnd, lines[bodyStart].isBlank { bodyStart += 1 }
            }
            let bodyEnd = signatureStart(in: lines, before: messageEnd)
            let body = decodedLines(lines, bodyStart..<max(bodyStart, bodyEnd))

            let files: [FileDiff]
            do {
                files = try UnifiedDiffParser.parse(
                    buffer: UnsafeBufferPointer(rebasing: buffer[lines.offset(ofLine: diffStart)...]))
            } catch let error as InputError {
                return .malformed(InputError("mail \"\(printable(headerSubject))\": \(error.message)"), subject: subject)
            } catch {
                return .malformed(InputError("mail \"\(printable(headerSubject))\": \(error)"), subject: subject)
            }
            guard !files.isEmpty else { return .notAPatch }
            let patch = Patch(origin: .mail, id: id, author: author, date: date, subject: commitSubject,
                              body: body, index: subject.index ?? 1, total: subject.total ?? 1,
                              version: subject.version ?? 1, tags: subject.tags, files: files)
            return .patch(patch, subject: subject)
        }
    }

    /// A subject fit for a one-line error message: mail text is untrusted, so control
    /// characters (escape sequences) become `?`, and a runaway subject is shortened.
    static func printable(_ subject: String) -> String {
        let clean = String(subject.unicodeScalars.map {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : Character($0)
        })
        return clean.count > 120 ? String(clean.prefix(120)) + "…" : clean
    }

    /// The first line of the diff, or nil when the text has none.
    static func diffStart(in lines: ByteLines) -> Int? {
        var k = 0
        while k < lines.count {
            let line = lines[k]
            if line.hasPrefix("diff --git ") { return k }
            if line.hasPrefix("--- "), k + 2 < lines.count, lines[k + 1].hasPrefix("+++ "),
               lines[k + 2].hasPrefix("@@ -") {
                // Take a `diff -u a b` / `Index:` / `====` preamble along with it.
                var start = k
                while start > 0, k - start < 2,
                      lines[start - 1].hasPrefix("diff ") || lines[start - 1].hasPrefix("Index: ")
                        || lines[start - 1].hasPrefix("====") {
                    start -= 1
                }
                return start
            }
            k += 1
        }
        return nil
    }

    /// The first `-- ` signature line before `end` (or `end`).
    private static func signatureStart(in lines: ByteLines, before end: Int) -> Int {
        for k in 0..<end {
            let line = lines[k].headerText
            if line.count == 3, line.hasPrefix("-- ") { return k }
        }
        return end
    }

    /// `From:`, `Subject:` or `Date:` at the start of a body line (any case).
    private static func pseudoHeader(_ line: ByteLine) -> (String, String)? {
        for name in ["from", "subject", "date"] {
            let n = name.utf8.count
            guard line.count > n, line[n] == UInt8(ascii: ":") else { continue }
            var matches = true
            for (k, c) in name.utf8.enumerated() where line[k] | 0x20 != c {
                matches = false
                break
            }
            if matches {
                let value = String(decoding: line.dropPrefix(n + 1).headerText.slice, as: UTF8.self)
                return (name, value.trimmingWhitespace())
            }
        }
        return nil
    }

    /// The lines in `range` as a string, leading and trailing blank lines dropped.
    private static func decodedLines(_ lines: ByteLines, _ range: Range<Int>) -> String {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, lines[lower].isBlank { lower += 1 }
        while upper > lower, lines[upper - 1].isBlank { upper -= 1 }
        guard lower < upper else { return "" }
        var text = ""
        for k in lower..<upper {
            if k > lower { text += "\n" }
            text += String(decoding: lines[k].headerText.slice, as: UTF8.self)
        }
        return text
    }
}

extension ByteLine {
    /// Only blanks (or nothing).
    var isBlank: Bool {
        slice.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x0D }
    }

    /// `---` alone (trailing blanks allowed): git's separator before the diffstat.
    var isDiffstatSeparator: Bool {
        guard hasPrefix("---") else { return false }
        return dropPrefix(3).isBlank
    }
}
