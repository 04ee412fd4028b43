import Foundation

/// git's reading of every mail of an mbox, as `scripts/corpus-oracle` leaves it on disk:
/// `git mailsplit --mboxrd` for the split, `git mailinfo -u` for the patch part, and
/// `git apply --numstat -z` for the files and line counts. Test only: git is the oracle,
/// never part of the product.
struct MailCorpusOracle {
    /// One file as `git apply --numstat` counts it; `added`/`removed` are nil for binary.
    struct FileCount: Hashable, CustomStringConvertible {
        var path: String
        var added: Int?
        var removed: Int?
        var binary: Bool { added == nil }
        var description: String { binary ? "\(path) binary" : "\(path) +\(added!) -\(removed!)" }
    }

    enum Verdict: Hashable {
        /// mailinfo found no patch part, or `git apply` found no diff in it.
        case noPatch
        /// `git apply` refused the patch part; the message is git's first error line.
        case rejected(String)
        case files([FileCount])
    }

    let directory: URL

    /// Runs `scripts/corpus-oracle` on `mbox` into `directory` (replacing what is there).
    static func build(mbox: String, into directory: URL) throws -> MailCorpusOracle {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/corpus-oracle").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, mbox, directory.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "corpus-oracle failed"])
        }
        return MailCorpusOracle(directory: directory)
    }

    var mailCount: Int {
        Int((try? String(contentsOf: directory.appendingPathComponent("count"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }

    /// mailsplit names mail k `%04d`.
    private func name(_ k: Int) -> String {
        let digits = String(k)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func read(_ folder: String, _ file: String) -> Data? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(folder).appendingPathComponent(file).path)
    }

    /// Mail k (1-based) as git split it, without its `From ` separator line.
    func mailBytes(_ k: Int) -> [UInt8] {
        let bytes = [UInt8](read("mails", name(k)) ?? Data())
        guard bytes.starts(with: Array("From ".utf8)), let newline = bytes.firstIndex(of: 0x0A) else { return bytes }
        return Array(bytes[(newline + 1)...])
    }

    func verdict(_ k: Int) -> Verdict {
        guard let status = read("numstat", name(k) + ".rc") else { return .noPatch }
        if String(decoding: status, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) != "0" {
            let error = String(decoding: read("numstat", name(k) + ".err") ?? Data(), as: UTF8.self)
            let first = error.split(separator: "\n").first.map(String.init) ?? "git apply failed"
            return first.contains("No valid patches in input") ? .noPatch : .rejected(first)
        }
        return .files(Self.parseNumstat([UInt8](read("numstat", name(k)) ?? Data())))
    }

    /// `git apply --numstat -z`: `A\tR\tpath\0`, or `A\tR\t\0old\0new\0` for a rename or
    /// copy; `-\t-` for a binary file. The post-image path names a rename, as in the model.
    static func parseNumstat(_ bytes: [UInt8]) -> [FileCount] {
        var fields = bytes.split(separator: 0, omittingEmptySubsequences: false).map { Array($0) }
        if fields.last?.isEmpty == true { fields.removeLast() }
        var files: [FileCount] = []
        var k = 0
        while k < fields.count {
            let parts = fields[k].split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { k += 1; continue }
            let added = Int(String(decoding: parts[0], as: UTF8.self))
            let removed = Int(String(decoding: parts[1], as: UTF8.self))
            var path = String(decoding: parts[2], as: UTF8.self)
            if parts[2].isEmpty, k + 2 < fields.count {  // rename or copy: old, new
                path = String(decoding: fields[k + 2], as: UTF8.self)
                k += 2
            }
            files.append(FileCount(path: path, added: added, removed: removed))
            k += 1
        }
        return files
    }
}
