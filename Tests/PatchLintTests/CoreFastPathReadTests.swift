import Foundation
import Testing
@testable import PatchLint

@Suite("Core fast paths: reading files")
struct CoreFastPathReadTests {
    /// A temporary file with `count` patterned bytes.
    static func file(_ count: Int) throws -> (path: String, bytes: [UInt8]) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        let path = NSTemporaryDirectory() + "core-fast-read-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    @Test("readAll returns the file whatever size the stat announced, up to the limit")
    func readAllSizes() throws {
        for count in [0, 1, 4095, 70_000, 200_000] {
            let (path, bytes) = try Self.file(count)
            defer { try? FileManager.default.removeItem(atPath: path) }
            for expected in [0, count / 2, count, count + 10] {
                let fd = open(path, O_RDONLY)
                #expect(fd >= 0)
                #expect(MailInput.readAll(fd, limit: 1 << 20, expected: expected) == bytes, "\(count) \(expected)")
                close(fd)
            }
            let fd = open(path, O_RDONLY)
            let limited = MailInput.readAll(fd, limit: 1000, expected: 0)
            close(fd)
            #expect(limited == Array(bytes.prefix(1000)))
            #expect(try MailInput.readFile(path: path) == bytes)
        }
    }

    @Test("unreadable inputs are still refused")
    func refused() {
        #expect(throws: InputError.self) { try MailInput.readFile(path: "/nonexistent/core-fast-read") }
        #expect(throws: InputError.self) { try MailInput.readFile(path: NSTemporaryDirectory()) }
    }
}
