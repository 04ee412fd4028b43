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
        var path: String
        var number: Int
        /// The normalized line as UTF-8 bytes.
        var text: [UInt8]
        /// Identifies the run of changed lines (no context line between) the line is in.
        var run: Int
    }

    public static func blocks(in patch: Patch) -> [MovedBlock] {
        var added: [Entry] = [], removed: [Entry] = []
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
                    let text = normalized(line.text)
                    if text.isEmpty { continue }
                    let position = MovedBlock.Position(file: f, hunk: h, line: l)
                    if line.kind == .added {
                        added.append(Entry(position: position, path: file.path,
                                           number: line.newNumber ?? 0, text: text, run: run))
                    } else {
                        removed.append(Entry(position: position, path: file.oldPath ?? file.path,
                                             number: line.oldNumber ?? 0, text: text, run: run))
                    }
                }
            }
        }
        guard !added.isEmpty, !removed.isEmpty else { return [] }

        var byPrefix: [UInt32: [Int]] = [:]
        for (j, entry) in removed.enumerated() where entry.text.count >= 4 {
            byPrefix[prefixKey(entry.text), default: []].append(j)
        }
        var consumed = Array(repeating: false, count: removed.count)
        var blocks: [MovedBlock] = []
        var i = 0
        while i < added.count {
            var best: (addedEnd: Int, removedStart: Int, removedEnd: Int)?
            if added[i].text.count >= 4 {
                // Bounded work per line: at most `maximumCandidates` starts are tried, and
                // a match that reaches the end of its run cannot be beaten.
                var tried = 0
                for j in byPrefix[prefixKey(added[i].text)] ?? [] where !consumed[j]
                    && removed[j].run != added[i].run {
                    tried += 1
                    if tried > maximumCandidates { break }
                    guard let (aEnd, rEnd) = match(added, from: i, removed, from: j, consumed: consumed)
                    else { continue }
                    if best == nil || aEnd > best!.addedEnd { best = (aEnd, j, rEnd) }
                    if aEnd + 1 >= added.count || added[aEnd + 1].run != added[i].run { break }
                }
            }
            guard let found = best, isSubstantial(added[i...found.addedEnd],
                                                   removed[found.removedStart...found.removedEnd]) else {
                i += 1
                continue
            }
            for j in found.removedStart...found.removedEnd { consumed[j] = true }
            let first = added[i], last = added[found.addedEnd]
            var positions: [MovedBlock.Position] = []
            let hunkLines = patch.files[first.position.file].hunks[first.position.hunk].lines
            for l in first.position.line...last.position.line where hunkLines[l].kind == .added {
                positions.append(MovedBlock.Position(file: first.position.file,
                                                     hunk: first.position.hunk, line: l))
            }
            blocks.append(MovedBlock(
                fromPath: removed[found.removedStart].path,
                fromLines: removed[found.removedStart].number...removed[found.removedEnd].number,
                toPath: first.path, toLines: first.number...last.number,
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

    public static func markingMovedLines(in series: Series) -> Series {
        var series = series
        series.patches = series.patches.map { markingMovedLines(in: $0) }
        return series
    }

    /// The line without whitespace and without a trailing continuation backslash.
    static func normalized(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0C {
            out.append(byte)
        }
        if out.last == UInt8(ascii: "\\") { out.removeLast() }
        return out
    }

    /// The first four bytes, as one number to index by.
    static func prefixKey(_ text: [UInt8]) -> UInt32 {
        UInt32(text[0]) << 24 | UInt32(text[1]) << 16 | UInt32(text[2]) << 8 | UInt32(text[3])
    }

    static func hasPrefix(_ text: [UInt8], _ prefix: [UInt8]) -> Bool {
        prefix.count <= text.count && text[..<prefix.count].elementsEqual(prefix)
    }

    /// Extends a match from added[i] and removed[j] as far as both sides agree, joining
    /// lines on either side while one side's text is a prefix of the other's. Returns
    /// the last added and removed indices of the longest agreeing stretch.
    static func match(_ added: [Entry], from i: Int, _ removed: [Entry], from j: Int,
                      consumed: [Bool]) -> (Int, Int)? {
        var a = i, r = j
        var lastGood: (Int, Int)?
        var bufferA: [UInt8] = [], bufferR: [UInt8] = []
        func take(_ entries: [Entry], _ k: inout Int, start: Int, into buffer: inout [UInt8],
                  consumedCheck: Bool) -> Bool {
            guard k < entries.count, entries[k].run == entries[start].run,
                  entries[k].position.file == entries[start].position.file,
                  !(consumedCheck && consumed[k]) else { return false }
            buffer += entries[k].text
            k += 1
            return true
        }
        while true {
            guard take(added, &a, start: i, into: &bufferA, consumedCheck: false),
                  take(removed, &r, start: j, into: &bufferR, consumedCheck: true) else { break }
            var ok = true
            while bufferA != bufferR {
                if hasPrefix(bufferR, bufferA) {
                    if !take(added, &a, start: i, into: &bufferA, consumedCheck: false) { ok = false; break }
                } else if hasPrefix(bufferA, bufferR) {
                    if !take(removed, &r, start: j, into: &bufferR, consumedCheck: true) { ok = false; break }
                } else {
                    ok = false
                    break
                }
            }
            guard ok else { break }
            lastGood = (a - 1, r - 1)
            bufferA.removeAll(keepingCapacity: true)
            bufferR.removeAll(keepingCapacity: true)
        }
        return lastGood
    }

    static func isSubstantial(_ added: ArraySlice<Entry>, _ removed: ArraySlice<Entry>) -> Bool {
        max(added.count, removed.count) >= minimumLines
            && added.reduce(0) { $0 + $1.text.count } >= minimumCharacters
    }
}
