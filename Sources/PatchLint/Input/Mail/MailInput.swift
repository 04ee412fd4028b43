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

    /// Mails parsed together (on all cores) while a mailbox is split.
    static let parseBatchSize = 256

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
        var collector = MailSeriesReader.Collector()
        var mails = 0                // mails read so far (a bare diff is not one)
        var bareDiffs: [Patch] = []  // inputs without mail headers
        var notes: [String] = []
        for source in sources {
            // An mbox is parsed in batches as it is split: the mails of a batch are
            // independent (parsed on all cores), and only their patches are kept.
            var batch: [(position: Int, bytes: [UInt8])] = []
            func parseBatch() {
                let mails = batch
                let outcomes = ParallelMap.map(count: mails.count) {
                    PatchMailParser.parse(MailMessage(bytes: mails[$0].bytes), position: mails[$0].position)
                }
                for outcome in outcomes { collector.add(outcome, from: source.name) }
                batch.removeAll(keepingCapacity: true)
            }
            try MailboxSplitter.forEachMessage(in: source.bytes) { message in
                let position = mails + bareDiffs.count + 1
                guard message.separator == nil else {
                    batch.append((position, message.bytes))
                    mails += 1
                    if batch.count == Self.parseBatchSize { parseBatch() }
                    return
                }
                // Not an mbox: the whole input is this one message.
                let parsed = MailMessage(bytes: message.bytes)
                if parsed.headers.fields.isEmpty {
                    // No headers at all: a bare diff (or nothing we can read).
                    if let patch = try bareDiffPatch(message.bytes, source: source.name, position: position) {
                        bareDiffs.append(patch)
                        notes.append("\(source.name): a bare diff without mail headers: no commit message to check")
                    }
                    return
                }
                collector.add(PatchMailParser.parse(parsed, position: position), from: source.name)
                mails += 1
            }
            parseBatch()
        }
        var series: Series
        if bareDiffs.isEmpty {
            guard mails > 0 else {
                throw InputError("\(inputName): no patch found (not an mbox, patch file or mail with a diff)")
            }
            series = try collector.series(inputName: inputName)
        } else {
            // Bare diffs (rare, and rarer still mixed with mails) are patches on their own:
            // mails that hold none do not make the input an error.
            series = mails == 0 ? Series(patches: [])
                : (try? collector.series(inputName: inputName)) ?? Series(patches: [])
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
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError("\(path): cannot be opened for reading") }
        defer { close(fd) }
        // Read straight into the array (no Data copy: a mailbox can be tens of MB), at
        // most one chunk past the limit, in case the file grew after the stat.
        let chunk = 1 << 20
        var bytes: [UInt8] = []
        // Room for the file and one chunk: the last read must not make the array grow.
        if let size = attributes[.size] as? NSNumber { bytes.reserveCapacity(size.intValue + chunk) }
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + start, chunk) }
            if n < 0 && errno == EINTR { bytes.removeLast(chunk); continue }
            guard n >= 0 else { throw InputError("\(path): read error (\(String(cString: strerror(errno))))") }
            bytes.removeLast(chunk - n)
            if n == 0 { break }
            guard bytes.count <= maximumInputSize else {
                throw InputError("\(path): over the \(maximumInputSize / (1024 * 1024)) MiB input limit")
            }
        }
        return bytes
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
