/// Splits the bytes of a mailbox into messages, like `git mailsplit`.
///
/// Accepted inputs:
/// - an mbox (mboxo or mboxrd): messages start at `From ` separator lines; a separator is a
///   `From ` line carrying a ctime-style date (a `hh:mm` time and a year), so ordinary
///   text starting with "From " does not split a message;
/// - a single `git format-patch` file: an mbox of one message (`From <sha> Mon Sep 17 …`);
/// - a raw email or anything else: one message.
///
/// Every message comes back with LF line endings (CR before LF dropped, as `git mailsplit`
/// does without `--keep-cr`) and, in an mbox, with one `>` removed from `>From `, `>>From `…
/// lines. That is mboxrd's rule; for an mboxo file it restores the `From ` lines the writer
/// escaped and only mangles a body line that really started with `>From ` — a price git pays
/// too with `--mboxrd`, and one no diff line can pay (diff lines start with ` `, `+`, `-`).
public enum MailboxSplitter {
    /// One message: its bytes (without the `From ` separator line) and that line, if any.
    public struct Message: Sendable, Hashable {
        public var separator: String?
        public var bytes: [UInt8]

        public init(separator: String?, bytes: [UInt8]) {
            self.separator = separator
            self.bytes = bytes
        }
    }

    public static func split(_ bytes: [UInt8]) -> [Message] {
        var messages: [Message] = []
        forEachMessage(in: bytes) { messages.append($0) }
        return messages
    }

    /// Hands the messages to `body` one at a time, so a caller that turns each into
    /// something smaller (a patch) never holds a second copy of the whole mailbox.
    public static func forEachMessage(in bytes: [UInt8], _ body: (Message) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { try forEachMessage(in: $0, body) }
    }

    static func forEachMessage(in input: UnsafeBufferPointer<UInt8>, _ body: (Message) throws -> Void) rethrows {
        var start = 0
        // A UTF-8 byte order mark from an editor is not part of the mail.
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
        // Blank lines before the first message are noise.
        while start < input.count, input[start] == 0x0A || input[start] == 0x0D { start += 1 }
        let isMbox = isSeparatorLine(input, from: start, to: lineEnd(input, from: start))

        var current: [UInt8] = []
        var separator: String?
        var started = false
        current.reserveCapacity(isMbox ? 8192 : input.count)
        // Lines kept as they are (no CR, no escape) are copied in runs: a run of them is
        // one contiguous range of the input, line feeds included.
        var runStart = start, runEnd = start
        func flushRun() {
            if runEnd > runStart { current.append(contentsOf: input[runStart..<runEnd]) }
        }
        var p = start
        while p < input.count {
            let end = lineEnd(input, from: p)
            var contentEnd = end
            if contentEnd > p, input[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if isMbox, isSeparatorLine(input, from: p, to: contentEnd) {
                flushRun()
                if started { try body(Message(separator: separator, bytes: current)) }
                started = true
                current.removeAll(keepingCapacity: true)
                separator = String(decoding: input[p..<contentEnd], as: UTF8.self)
                runStart = end + 1; runEnd = end + 1
            } else {
                started = true
                var lineStart = p
                if isMbox, isEscapedFromLine(input, from: p, to: contentEnd) { lineStart += 1 }
                if lineStart == p && contentEnd == end && runEnd == p {
                    runEnd = min(end + 1, input.count)  // the line and its LF, if any
                } else {
                    flushRun()
                    current.append(contentsOf: input[lineStart..<contentEnd])
                    if end < input.count { current.append(0x0A) }
                    runStart = end + 1; runEnd = end + 1
                }
            }
            p = end + 1
        }
        flushRun()
        if started { try body(Message(separator: separator, bytes: current)) }
    }

    /// Index of the `\n` ending the line that starts at `from` (or the end of the input).
    private static func lineEnd(_ input: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        ASCIIBytes.firstIndex(of: 0x0A, in: input, from: from) ?? input.count
    }

    /// `From <sender> <date>`: requires an `hh:mm` time and a four-digit year (in either
    /// order: ctime puts the year last, some writers use RFC 5322 dates), which ordinary prose
    /// starting with "From " practically never has.
    static func isSeparatorLine(_ input: UnsafeBufferPointer<UInt8>, from: Int, to lineEnd: Int) -> Bool {
        var end = lineEnd
        if end > from, input[end - 1] == 0x0D { end -= 1 }
        guard end - from >= 20, startsWithFrom(input, at: from) else { return false }
        func isDigit(_ k: Int) -> Bool { InputBytes.digit(input[k]) != nil }
        var sawTime = false, sawYear = false
        var p = from + 5
        while p + 4 < end {  // both patterns are five bytes long
            if !sawTime, isDigit(p), isDigit(p + 1), input[p + 2] == UInt8(ascii: ":"),
               isDigit(p + 3), isDigit(p + 4) {
                sawTime = true
            } else if !sawYear, input[p] == UInt8(ascii: " "), isDigit(p + 1), isDigit(p + 2),
                      isDigit(p + 3), isDigit(p + 4), p + 5 == end || input[p + 5] == UInt8(ascii: " ") {
                sawYear = true
            }
            if sawTime && sawYear { return true }
            p += 1
        }
        return false
    }

    /// `>From `, `>>From `…: an mboxrd-escaped body line.
    private static func isEscapedFromLine(_ input: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Bool {
        var p = from
        while p < end, input[p] == UInt8(ascii: ">") { p += 1 }
        return p > from && end - p >= 5 && startsWithFrom(input, at: p)
    }

    private static func startsWithFrom(_ input: UnsafeBufferPointer<UInt8>, at p: Int) -> Bool {
        p + 5 <= input.count && input[p] == UInt8(ascii: "F") && input[p + 1] == UInt8(ascii: "r")
            && input[p + 2] == UInt8(ascii: "o") && input[p + 3] == UInt8(ascii: "m")
            && input[p + 4] == UInt8(ascii: " ")
    }
}
