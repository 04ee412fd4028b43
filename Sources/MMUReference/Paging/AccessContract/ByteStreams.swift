/// Where a streaming command reads bytes from: fills `buffer` from the front and
/// returns how many bytes it wrote there, 0 at end of input.
public protocol ByteSource {
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Where a streaming command writes bytes to.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// An in-memory source (for tests and small inputs); hands out at most
/// `chunkSize` bytes per read so that chunk boundaries can be exercised.
public struct ByteArraySource: ByteSource, Sendable {
    public let bytes: [UInt8]
    public let chunkSize: Int
    private var position = 0

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 16) {
        precondition(chunkSize > 0)
        self.bytes = bytes
        self.chunkSize = chunkSize
    }

    public init(_ text: String, chunkSize: Int = 1 << 16) {
        self.init(Array(text.utf8), chunkSize: chunkSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, chunkSize, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// An in-memory sink that collects everything written.
public struct ByteArraySink: ByteSink, Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    /// The collected bytes as text (lossy for invalid UTF-8).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
