/// A block of code that a patch removes in one place and adds in another.
public struct MovedBlock: Sendable, Hashable {
    /// Where a line of the patch sits: file, hunk and line index in the patch's arrays.
    public struct Position: Sendable, Hashable {
        public var file: Int
        public var hunk: Int
        public var line: Int
    }

    public var fromPath: String
    /// Old (pre-image) line numbers of the first and last removed line.
    public var fromLines: ClosedRange<Int>
    public var toPath: String
    /// New (post-image) line numbers of the first and last added line.
    public var toLines: ClosedRange<Int>
    /// Non-blank lines on each side (they differ when lines were re-wrapped).
    public var removedLineCount: Int
    public var addedLineCount: Int
    /// The added lines of the block, blank lines inside it included.
    public var addedPositions: [Position]
}

/// Finds moved code: blocks of at least `minimumLines` non-blank lines that a patch
/// removes in one place and adds elsewhere (another change run of the same file, or
/// another file). Comparison ignores all whitespace and line-continuation backslashes,
/// and lets the two sides break lines differently: `#define X(v) \` + `\t(body)` is
/// the same code as `#define X(v) (body)`.
///
/// A block removed and re-added within one run of changed lines is an edit in place
/// (re-indentation, say), not a move, and is left alone.
public enum MoveDetector {
    public static let minimumLines = 3
    /// Blocks shorter than this (whitespace removed) are closing braces and `return 0;`
    /// noise: moving them says nothing.
    static let minimumCharacters = 30
    /// Removed lines tried as the start of a match for one added line: keeps a patch of
    /// thousands of identical lines linear.
    static let maximumCandidates = 256

    struct Entry {
        var position: MovedBlock.Position
        var number: Int
        /// The normalized line: a range of its side's `Side.bytes`.
        var start: Int
        var end: Int
        /// Identifies the run of changed lines (no context line between) the line is in.
        var run: Int

        var count: Int { end - start }
    }

    /// One side (added or removed lines) of a patch: its entries, and the normalized
    /// text of all of them in one buffer, so that no line needs an array of its own.
    struct Side {
        var entries: [Entry] = []
        var bytes: [UInt8] = []

        /// Appends the normalized `text`; false (and nothing kept) when it is blank.
        mutating func append(_ text: String, position: MovedBlock.Position, number: Int, run: Int) -> Bool {
            let start = bytes.count
            MoveDetector.appendNormalized(text, to: &bytes)
            guard bytes.count > start else { return false }
            entries.append(Entry(position: position, number: number, start: start, end: bytes.count, run: run))
            return true
        }

        func text(_ k: Int) -> ArraySlice<UInt8> { bytes[entries[k].start..<entries[k].end] }

        /// The first four bytes of entry `k` (which has at least four), as one number to index by.
        func prefixKey(_ k: Int) -> UInt32 {
            let s = entries[k].start
            return UInt32(bytes[s]) << 24 | UInt32(bytes[s + 1]) << 16 | UInt32(bytes[s + 2]) << 8 | UInt32(bytes[s + 3])
        }
    }

    public static func blocks(in patch: Patch) -> [MovedBlock] {
        // A move needs both sides: skip the normalizing when a patch only adds or removes.
        var hasAdded = false, hasRemoved = false
        for file in patch.files where !file.isBinary {
            for hunk in file.hunks {
                for line in hunk.lines {
                    if line.kind == .added { hasAdded = true } else if line.kind == .removed { hasRemoved = true }
                }
            }
        }
        guard hasAdded, hasRemoved else { return [] }
        var added = Side(), removed = Side()
        var run = 0
        for (f, file) in patch.files.enumerated() where !file.isBinary {
            for (h, hunk) in file.hunks.enumerated() {
                var inRun = false
                for (l, line) in hunk.lines.enumerated() {
                    if line.kind == .context {
                        inRun = false
                        continue
                    }
                    if !inRun {
                        run += 1
                        inRun = true
                    }
                    let position = MovedBlock.Position(file: f, hunk: h, line: l)
                    if line.kind == .added {
                        _ = added.append(line.text, position: position, number: line.newNumber ?? 0, run: run)
                    } else {
                        _ = removed.append(line.text, position: position, number: line.oldNumber ?? 0, run: run)
                    }
                }
            }
        }
        guard !added.entries.isEmpty, !removed.entries.isEmpty else { return [] }

        var byPrefix: [UInt32: [Int]] = [:]
        for j in removed.entries.indices where removed.entries[j].count >= 4 {
            byPrefix[removed.prefixKey(j), default: []].append(j)
        }
        var consumed = Array(repeating: false, count: removed.entries.count)
        var blocks: [MovedBlock] = []
        var scratch = MatchBuffers()
        var i = 0
        while i < added.entries.count {
            var best: (addedEnd: Int, removedStart: Int, removedEnd: Int)?
            if added.entries[i].count >= 4 {
                // Bounded work per line: at most `maximumCandidates` starts are tried, and
                // a match that reaches the end of its run cannot be beaten.
                var tried = 0
                for j in byPrefix[added.prefixKey(i)] ?? [] where !consumed[j]
                    && removed.entries[j].run != added.entries[i].run {
                    tried += 1
                    if tried > maximumCandidates { break }
                    guard firstLinesAgree(added, i, removed, j) else { continue }
                    guard let (aEnd, rEnd) = match(added, from: i, removed, from: j, consumed: consumed,
                                                   buffers: &scratch)
                    else { continue }
                    if best == nil || aEnd > best!.addedEnd { best = (aEnd, j, rEnd) }
                    if aEnd + 1 >= added.entries.count || added.entries[aEnd + 1].run != added.entries[i].run { break }
                }
            }
            guard let found = best, isSubstantial(added.entries[i...found.addedEnd],
                                                   removed.entries[found.removedStart...found.removedEnd]) else {
                i += 1
                continue
            }
            for j in found.removedStart...found.removedEnd { consumed[j] = true }
            let first = added.entries[i], last = added.entries[found.addedEnd]
            var positions: [MovedBlock.Position] = []
            let hunkLines = patch.files[first.position.file].hunks[first.position.hunk].lines
            for l in first.position.line...last.position.line where hunkLines[l].kind == .added {
                positions.append(MovedBlock.Position(file: first.position.file,
                                                     hunk: first.position.hunk, line: l))
            }
            let fromFile = patch.files[removed.entries[found.removedStart].position.file]
            blocks.append(MovedBlock(
                fromPath: fromFile.oldPath ?? fromFile.path,
                fromLines: removed.entries[found.removedStart].number...removed.entries[found.removedEnd].number,
                toPath: patch.files[first.position.file].path, toLines: first.number...last.number,
                removedLineCount: found.removedEnd - found.removedStart + 1,
                addedLineCount: found.addedEnd - i + 1,
                addedPositions: positions))
            i = found.addedEnd + 1
        }
        return blocks
    }

    /// The patch with `moved` set on the added lines of every moved block.
    public static func markingMovedLines(in patch: Patch) -> Patch {
        let found = blocks(in: patch)
        guard !found.isEmpty else { return patch }
        var patch = patch
        for block in found {
            for p in block.addedPositions {
                patch.files[p.file].hunks[p.hunk].lines[p.line].moved = true
            }
        }
        return patch
    }

    /// The line without whitespace and without a trailing continuation backslash.
    static func normalized(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        appendNormalized(text, to: &out)
        return out
    }

    /// Appends `normalized(text)` to `out`.
    static func appendNormalized(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        ASCIIBytes.withBytes(text) { bytes in
            for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0C {
                out.append(byte)
            }
        }
        if out.count > start, out[out.count - 1] == UInt8(ascii: "\\") { out.removeLast() }
    }

    /// Whether one of the two lines' texts starts the other: the first round of `match`,
    /// decided on the buffers without copying (most candidates fail it).
    static func firstLinesAgree(_ added: Side, _ i: Int, _ removed: Side, _ j: Int) -> Bool {
        let a = added.entries[i], r = removed.entries[j]
        let n = min(a.count, r.count)
        return added.bytes.withUnsafeBufferPointer { ab in
            removed.bytes.withUnsafeBufferPointer { rb in
                ASCIIBytes.equal(ab.baseAddress! + a.start, rb.baseAddress! + r.start, count: n)
            }
        }
    }

    /// The two growing texts `match` compares, kept between calls to reuse their storage.
    struct MatchBuffers {
        var added: [UInt8] = []
        var removed: [UInt8] = []
    }

    /// Extends a match from added[i] and removed[j] as far as both sides agree, joining
    /// lines on either side while one side's text is a prefix of the other's. Returns
    /// the last added and removed indices of the longest agreeing stretch.
    static func match(_ added: Side, from i: Int, _ removed: Side, from j: Int,
                      consumed: [Bool], buffers: inout MatchBuffers) -> (Int, Int)? {
        // Most candidates differ on their first line: neither text starts the other, so
        // the first round below would fail. Decide that without copying.
        let firstA = added.text(i), firstR = removed.text(j)
        let shorter = min(firstA.count, firstR.count)
        guard firstA.prefix(shorter).elementsEqual(firstR.prefix(shorter)) else { return nil }
        var a = i, r = j
        var lastGood: (Int, Int)?
        buffers.added.removeAll(keepingCapacity: true)
        buffers.removed.removeAll(keepingCapacity: true)
        func take(_ side: Side, _ k: inout Int, start: Int, into buffer: inout [UInt8],
                  consumedCheck: Bool) -> Bool {
            let entries = side.entries
            guard k < entries.count, entries[k].run == entries[start].run,
                  entries[k].position.file == entries[start].position.file,
                  !(consumedCheck && consumed[k]) else { return false }
            buffer += side.text(k)
            k += 1
            return true
        }
        while true {
            guard take(added, &a, start: i, into: &buffers.added, consumedCheck: false),
                  take(removed, &r, start: j, into: &buffers.removed, consumedCheck: true) else { break }
            var ok = true
            while buffers.added != buffers.removed {
                if hasPrefix(buffers.removed, buffers.added) {
                    if !take(added, &a, start: i, into: &buffers.added, consumedCheck: false) { ok = false; break }
                } else if hasPrefix(buffers.added, buffers.removed) {
                    if !take(removed, &r, start: j, into: &buffers.removed, consumedCheck: true) { ok = false; break }
                } else {
                    ok = false
                    break
                }
            }
            guard ok else { break }
            lastGood = (a - 1, r - 1)
            buffers.added.removeAll(keepingCapacity: true)
            buffers.removed.removeAll(keepingCapacity: true)
        }
        return lastGood
    }

    static func hasPrefix(_ text: [UInt8], _ prefix: [UInt8]) -> Bool {
        prefix.count <= text.count && text[..<prefix.count].elementsEqual(prefix)
    }

    static func isSubstantial(_ added: ArraySlice<Entry>, _ removed: ArraySlice<Entry>) -> Bool {
        max(added.count, removed.count) >= minimumLines
            && added.reduce(0) { $0 + $1.count } >= minimumCharacters
    }
}
