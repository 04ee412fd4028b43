/// Undoes RFC 3676 `format=flowed` (Thunderbird's default for plain text), as `git mailinfo`
/// does before it looks for the patch, so a flowed patch mail reads the same here as in
/// `git am`:
/// - a line that is exactly `-- ` (the signature separator) is kept as it is;
/// - one leading space is removed from a line ("space-stuffing", §4.4): a context line
///   ` foo` travels as `  foo`;
/// - a line that then ends in a space is a soft break (§4.2): it is joined with the next
///   line; with `delsp=yes` (§4.5) that trailing space is dropped as well.
///
/// Lines are LF-terminated (the mail layer removed CRs before).
enum FormatFlowed {
    static func unflow(_ bytes: [UInt8], deleteSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pending: [UInt8] = []  // soft-broken lines waiting for their end
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let hasNewline = end < bytes.count
            var line = bytes[start..<end]
            start = end + 1

            if line.elementsEqual([UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: " ")]) {
                if !pending.isEmpty {
                    out += pending
                    out.append(0x0A)
                    pending.removeAll(keepingCapacity: true)
                }
                out += line
                if hasNewline { out.append(0x0A) }
                continue
            }
            if line.first == UInt8(ascii: " ") { line = line.dropFirst() }
            if line.last == UInt8(ascii: " ") {
                pending += deleteSpace ? line.dropLast() : line
                continue
            }
            out += pending
            pending.removeAll(keepingCapacity: true)
            out += line
            if hasNewline { out.append(0x0A) }
        }
        if !pending.isEmpty { out += pending; out.append(0x0A) }
        return out
    }
}
