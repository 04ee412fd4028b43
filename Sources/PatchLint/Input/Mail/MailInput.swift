import Foundation

/// The entry point for mailed input: an mbox (a list archive, `b4 am` output, `git
/// format-patch --stdout`), `git format-patch` files, a raw email, or a bare diff.
///
///     let series = try MailInput.readSeries(path: "series.mbox")
///     let series = try MailInput.readSeries(paths: ["0001-a.patch", "0002-b.patch"])
///     let series = try MailInput.readSeries(paths: ["-"])          // standard input
///     let series = try MailInput.readSeries(bytes: stdinBytes, sourceName: "<stdin>")
///
/// Several inputs read together form one series (each file's mails in order, then sorted
/// by k/N). A bare diff with no mail headers is read as one patch with an empty subject and
/// message, and a note says so. Every error is an `InputError` with a one-line message.
public enum MailInput {
    /// Inputs larger than this are refused before being read: 256 MiB, far above any
    /// mailed series (a year of a busy list archive is ~50 MB).
    public static let maximumInputSize = 256 * 1024 * 1024

    /// One named input's bytes.
    public struct Source: Sendable {
        public var name: String
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    public static func readSeries(bytes: [UInt8], sourceName: String) throws -> Series {
        try readSeries(sources: [Source(name: sourceName, bytes: bytes)])
    }

    public static func readSeries(path: String) throws -> Series {
        try readSeries(paths: [path])
    }

    /// Reads files; `-` is standard input (named `<stdin>` in messages).
    public static func readSeries(paths: [String]) throws -> Series {
        try readSeries(sources: paths.map { path in
            path == "-" ? Source(name: "<stdin>", bytes: try readStandardInput())
                        : Source(name: path, bytes: try readFile(path: path))
        })
    }

    public static func readSeries(sources: [Source]) throws -> Series {
        let inputName = sources.count == 1 ? sources[0].name : "\(sources.count) inputs"
        var entries: [MailSeriesReader.Entry] = []
        var bareDiffs: [Patch] = []  // inputs without mail headers
        var notes: [String] = []
        for source in sources {
            let messages = MailboxSplitter.split(source.bytes)
            if messages.count == 1, messages[0].separator == nil {
                let message = MailMessage(bytes: messages[0].bytes)
                if message.headers.fields.isEmpty {
                    // No headers at all: a bare diff (or nothing we can read).
                    if let patch = try bareDiffPatch(messages[0].bytes, source: source.name,
                                                     position: entries.count + bareDiffs.count + 1) {
                        bareDiffs.append(patch)
                        notes.append("\(source.name): a bare diff without mail headers: no commit message to check")
                    }
                    continue
                }
                entries.append(.init(sourceName: source.name, position: entries.count + bareDiffs.count + 1,
                                     message: message))
                continue
            }
            for message in messages {
                entries.append(.init(sourceName: source.name, position: entries.count + bareDiffs.count + 1,
                                     message: MailMessage(bytes: message.bytes)))
            }
        }
        var series: Series
        if bareDiffs.isEmpty {
            guard !entries.isEmpty else {
                throw InputError("\(inputName): no patch found (not an mbox, patch file or mail with a diff)")
            }
            series = try MailSeriesReader.read(entries, inputName: inputName)
        } else {
            // Bare diffs (rare, and rarer still mixed with mails) are patches on their own:
            // mails that hold none do not make the input an error.
            series = entries.isEmpty ? Series(patches: [])
                : (try? MailSeriesReader.read(entries, inputName: inputName)) ?? Series(patches: [])
        }
        // Bare diffs come after the mailed patches, numbered on from them.
        let total = series.patches.count + bareDiffs.count
        for var patch in bareDiffs {
            patch.index = series.patches.count + 1
            patch.total = total
            series.patches.append(patch)
        }
        series.notes = notes + series.notes
        return series
    }

    /// The bytes of a file, refusing directories, unreadable files and files over
    /// `maximumInputSize` (checked with stat, before reading).
    public static func readFile(path: String) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw InputError("\(path): no such file or not readable")
        }
        if let type = attributes[.type] as? FileAttributeType, type == .typeDirectory {
            throw InputError("\(path): is a directory, not a mailbox or patch file")
        }
        if let size = attributes[.size] as? NSNumber, size.int64Value > Int64(maximumInputSize) {
            throw InputError("\(path): \(size.int64Value) bytes, over the \(maximumInputSize / (1024 * 1024)) MiB input limit")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError("\(path): cannot be opened for reading")
        }
        defer { try? handle.close() }
        // Read at most one byte past the limit, in case the file grew after the stat.
        let data = (try? handle.read(upToCount: maximumInputSize + 1)) ?? Data()
        guard data.count <= maximumInputSize else {
            throw InputError("\(path): over the \(maximumInputSize / (1024 * 1024)) MiB input limit")
        }
        return [UInt8](data)
    }

    /// Standard input, refused past `maximumInputSize` like a file. A file redirected to
    /// standard input is measured first (fstat) and refused without being read; a pipe is
    /// read up to one byte past the limit at most.
    public static func readStandardInput() throws -> [UInt8] {
        var info = stat()
        if fstat(STDIN_FILENO, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
           Int64(info.st_size) > Int64(maximumInputSize) {
            throw InputError("<stdin>: \(info.st_size) bytes, over the \(maximumInputSize / (1024 * 1024)) MiB input limit")
        }
        let data = (try? FileHandle.standardInput.read(upToCount: maximumInputSize + 1)) ?? Data()
        guard data.count <= maximumInputSize else {
            throw InputError("<stdin>: over the \(maximumInputSize / (1024 * 1024)) MiB input limit")
        }
        return [UInt8](data)
    }

    /// A headerless input that is a diff: one patch without a commit message.
    private static func bareDiffPatch(_ bytes: [UInt8], source: String, position: Int) throws -> Patch? {
        let files: [FileDiff]
        do {
            files = try UnifiedDiffParser.parse(bytes)
        } catch let error as InputError {
            throw InputError("\(source): \(error.message)")
        }
        guard !files.isEmpty else { return nil }
        return Patch(origin: .mail, id: "no-message-id-\(position)", subject: "", body: "", files: files)
    }
}
