import ArgumentParser
import MMUReference

#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// `mmu-review model access [--maxphyaddr N]`: the guest page-walk contract of
/// shared/model/ACCESS.md. Streams flag lines from stdin to result lines on stdout.
struct ModelAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Walk the guest page tables each stdin line of flags describes; print one result line per line.",
        discussion: "Flag vocabulary and result format: shared/model/ACCESS.md.")

    @Option(name: .customLong("maxphyaddr"), help: "The CPU's MAXPHYADDR, 32...52.")
    var maxPhysicalAddressBits: Int = 46

    func run() throws {
        guard (32...52).contains(maxPhysicalAddressBits) else {
            printError("mmu-review: --maxphyaddr must be between 32 and 52, got \(maxPhysicalAddressBits)")
            throw ExitCode(2)
        }
        let stream = AccessContractStream(contract: AccessContract(maxPhysicalAddressBits: maxPhysicalAddressBits))
        var input = FileDescriptorSource(descriptor: 0)
        var output = FileDescriptorSink(descriptor: 1)
        do {
            try stream.run(input: &input, output: &output)
        } catch let error as AccessContractError {
            printError("mmu-review: \(error)")
            throw ExitCode(2)
        } catch let error as FileDescriptorError {
            printError("mmu-review: \(error)")
            throw ExitCode(2)
        }
    }

    private func printError(_ message: String) {
        var line = Array(message.utf8)
        line.append(0x0A)
        var sink = FileDescriptorSink(descriptor: 2)
        try? line.withUnsafeBytes { try sink.write($0) }
    }
}

/// A read or write on a file descriptor failed.
struct FileDescriptorError: Error, CustomStringConvertible {
    var operation: String
    var errorNumber: Int32
    var description: String { "\(operation) failed: \(String(cString: strerror(errorNumber)))" }
}

/// Raw `read(2)` on a descriptor, so large chunks bypass any line buffering.
struct FileDescriptorSource: ByteSource {
    let descriptor: Int32

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw FileDescriptorError(operation: "read", errorNumber: errno) }
        }
    }
}

/// Raw `write(2)` on a descriptor, retried until every byte is out.
struct FileDescriptorSink: ByteSink {
    let descriptor: Int32

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n >= 0 {
                offset += n
            } else if errno != EINTR {
                throw FileDescriptorError(operation: "write", errorNumber: errno)
            }
        }
    }
}
