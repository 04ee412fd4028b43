import CGit2
import Foundation

/// Turns a libgit2 diff into the patch model's `FileDiff`s.
///
/// Diff settings match `git show`'s defaults: 3 lines of context, the indent
/// heuristic (git's default since 2.14), rename detection (git's default since 2.9).
/// Lines, hunks and deltas borrowed from a `git_patch` die with it, so everything is
/// copied out before the patch is freed; `content` is not NUL-terminated.
enum GitDiffConverter {
    static func diffOptions() -> git_diff_options {
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.context_lines = 3
        options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
        return options
    }

    /// Applies git's default rename detection to a diff.
    static func detectRenames(_ diff: OpaquePointer) throws {
        var find = git_diff_find_options()
        git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        try LibGit2.check(git_diff_find_similar(diff, &find), "rename detection failed")
    }

    static func fileDiffs(of diff: OpaquePointer) throws -> [FileDiff] {
        let count = git_diff_num_deltas(diff)
        var files: [FileDiff] = []
        files.reserveCapacity(count)
        for index in 0..<count {
            var patch: OpaquePointer?
            try LibGit2.check(git_patch_from_diff(&patch, diff, index), "cannot compute diff")
            guard let patch else {
                // No patch object: an unmodified delta; skip it.
                continue
            }
            defer { git_patch_free(patch) }
            files.append(try fileDiff(of: patch))
        }
        return files
    }

    static func fileDiff(of patch: OpaquePointer) throws -> FileDiff {
        let delta = git_patch_get_delta(patch)!.pointee
        let oldPath = delta.old_file.path.map { String(cString: $0) }
        let newPath = delta.new_file.path.map { String(cString: $0) }
        let status: FileDiff.Status
        switch delta.status {
        case GIT_DELTA_ADDED: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_RENAMED: status = .renamed
        case GIT_DELTA_COPIED: status = .copied
        default: status = .modified
        }
        let isBinary = delta.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0
        var file = FileDiff(
            oldPath: status == .added ? nil : oldPath,
            newPath: status == .deleted ? nil : newPath,
            status: status,
            isBinary: isBinary,
            oldMode: status == .added ? nil : modeString(delta.old_file.mode),
            newMode: status == .deleted ? nil : modeString(delta.new_file.mode),
            similarity: status == .renamed || status == .copied ? Int(delta.similarity) : nil)
        guard !isBinary else { return file }

        let hunkCount = git_patch_num_hunks(patch)
        file.hunks.reserveCapacity(hunkCount)
        for h in 0..<hunkCount {
            var hunkPointer: UnsafePointer<git_diff_hunk>?
            var lineCount = 0
            try LibGit2.check(git_patch_get_hunk(&hunkPointer, &lineCount, patch, h), "cannot read hunk")
            guard let raw = hunkPointer?.pointee else { continue }
            var hunk = Hunk(oldStart: Int(raw.old_start), oldCount: Int(raw.old_lines),
                            newStart: Int(raw.new_start), newCount: Int(raw.new_lines),
                            section: section(of: raw))
            hunk.lines.reserveCapacity(lineCount)
            for l in 0..<lineCount {
                var linePointer: UnsafePointer<git_diff_line>?
                try LibGit2.check(git_patch_get_line_in_hunk(&linePointer, patch, h, l), "cannot read line")
                guard let line = linePointer?.pointee else { continue }
                let origin = UInt8(bitPattern: line.origin)
                switch origin {
                case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: " "):
                    let kind: DiffLine.Kind = origin == UInt8(ascii: "+") ? .added
                        : origin == UInt8(ascii: "-") ? .removed : .context
                    hunk.lines.append(DiffLine(
                        kind: kind,
                        oldNumber: line.old_lineno > 0 ? Int(line.old_lineno) : nil,
                        newNumber: line.new_lineno > 0 ? Int(line.new_lineno) : nil,
                        text: text(of: line)))
                case UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "<"):
                    // "\ No newline at end of file" after the previous line.
                    if !hunk.lines.isEmpty { hunk.lines[hunk.lines.count - 1].hasNewline = false }
                default:
                    break
                }
            }
            file.hunks.append(hunk)
        }
        return file
    }

    /// The line's content without its line terminator, decoded as UTF-8 (lossily).
    static func text(of line: git_diff_line) -> String {
        guard let content = line.content, line.content_len > 0 else { return "" }
        var length = line.content_len
        let bytes = UnsafeRawPointer(content).assumingMemoryBound(to: UInt8.self)
        if length > 0, bytes[length - 1] == UInt8(ascii: "\n") { length -= 1 }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    static func section(of hunk: git_diff_hunk) -> String {
        var header = hunk.header
        let length = min(Int(hunk.header_len), MemoryLayout.size(ofValue: header))
        // "@@ -1,2 +1,3 @@ section\n" -> "section"
        let fast: String? = withUnsafeBytes(of: &header) { raw in
            let bytes = raw.prefix(length)
            // libgit2 headers start with "@@": then the Character offset 2 below is byte 2,
            // and the first "@@" after it is found on the bytes.
            guard bytes.count >= 2, bytes[0] == 0x40, bytes[1] == 0x40 else { return nil }
            var k = 2
            while k + 1 < bytes.count, !(bytes[k] == 0x40 && bytes[k + 1] == 0x40) { k += 1 }
            guard k + 1 < bytes.count else { return "" }
            return String(decoding: bytes[(k + 2)...], as: UTF8.self).trimmingWhitespace()
        }
        if let fast { return fast }
        let text = withUnsafeBytes(of: &header) { raw in
            String(decoding: raw.prefix(length), as: UTF8.self)
        }
        guard let close = text.range(of: "@@", options: [], range: text.index(text.startIndex, offsetBy: min(2, text.count))..<text.endIndex)
        else { return "" }
        return text[close.upperBound...].trimmingWhitespace()
    }

    static func modeString(_ mode: UInt16) -> String? {
        mode == 0 ? nil : String(mode, radix: 8)
    }
}
