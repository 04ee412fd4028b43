/// The streaming side of `mmu-review model access`: reads flag lines in large
/// chunks, writes one result line per input line in large chunks, in constant
/// memory. Parsing works on bytes: each word is packed into two machine words and
/// found in a small open-addressing table; each line becomes an `AccessFlagSet`
/// bitmask whose result is memoised in a direct-mapped cache (the result line
/// itself comes from a table of every possible line), so the walker runs once per
/// distinct set that is not in the cache.
public struct AccessContractStream {
    public let contract: AccessContract
    /// log2 of the memo's slot count.
    public let cacheBits: Int

    public init(contract: AccessContract, cacheBits: Int = 16) {
        precondition((1...24).contains(cacheBits))
        self.contract = contract
        self.cacheBits = cacheBits
    }

    static let inputChunk = 1 << 20
    static let outputChunk = 1 << 20

    /// Copies the results for every line of `input` to `output`. On an unknown flag,
    /// first writes the results of the lines before it, then throws
    /// `AccessContractError.unknownFlag` (nothing is written for the bad line).
    public func run<Input: ByteSource, Output: ByteSink>(input: inout Input, output: inout Output) throws {
        let lines = ResultLineTable()
        let words = FlagWordTable()
        var cache = OutcomeCache(bits: cacheBits)
        var out = OutputBuffer(capacity: Self.outputChunk + ResultLineTable.longestLine)
        defer { out.deallocate() }

        let inBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.inputChunk, alignment: 16)
        defer { inBuffer.deallocate() }

        var mask: UInt32 = 0          // flags of the current line so far
        var lineNumber = 1
        var lineHasBytes = false      // whether the current (last) line is non-empty
        // The word being read, packed little-endian into two words (up to 16 bytes).
        var lo: UInt64 = 0, hi: UInt64 = 0, length = 0
        // The first bytes of the word, kept only to name it in an error message.
        var wordStart = 0
        var carriedWord: [UInt8] = []

        func unknown(_ chunk: UnsafeRawBufferPointer, end: Int) -> AccessContractError {
            var name = carriedWord
            name.append(contentsOf: chunk[max(wordStart, 0)..<end])
            return .unknownFlag(Self.printable(name), line: lineNumber)
        }

        while true {
            let n = try input.read(into: inBuffer)
            if n == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: inBuffer[0..<n])
            wordStart = length > 0 ? -1 : 0
            var i = 0
            while i < n {
                let byte = chunk[i]
                let isNewline = byte == 0x0A
                if isNewline || byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    if length > 0 {
                        guard length <= 16, let flag = words.lookup(lo, hi) else {
                            try flushing(&out, &output) { throw unknown(chunk, end: i) }
                        }
                        mask |= flag
                        lo = 0; hi = 0; length = 0; carriedWord.removeAll(keepingCapacity: true)
                    }
                    if isNewline {
                        out.append(lines[cache.outcome(for: mask, contract)])
                        if out.count >= Self.outputChunk { try out.flush(to: &output) }
                        mask = 0
                        lineNumber += 1
                        lineHasBytes = false
                    } else {
                        lineHasBytes = true
                    }
                } else {
                    if length == 0 { wordStart = i }
                    if length < 8 {
                        lo |= UInt64(byte) << (8 * UInt64(length))
                    } else if length < 16 {
                        hi |= UInt64(byte) << (8 * UInt64(length - 8))
                    }
                    length += 1
                    lineHasBytes = true
                }
                i += 1
            }
            // A word cut by the chunk boundary: keep its bytes for an error message.
            if length > 0 && carriedWord.count < 256 {
                carriedWord.append(contentsOf: chunk[max(wordStart, 0)..<n].prefix(256))
            }
        }
        // A last line without a newline still gets its result line.
        if length > 0 {
            guard length <= 16, let flag = words.lookup(lo, hi) else {
                try flushing(&out, &output) {
                    throw AccessContractError.unknownFlag(Self.printable(carriedWord), line: lineNumber)
                }
            }
            mask |= flag
        }
        if lineHasBytes {
            out.append(lines[cache.outcome(for: mask, contract)])
        }
        try out.flush(to: &output)
    }

    /// Writes what is buffered, then runs `body` (which throws).
    private func flushing<Output: ByteSink>(
        _ out: inout OutputBuffer, _ output: inout Output, _ body: () throws -> Never
    ) throws -> Never {
        try out.flush(to: &output)
        try body()
    }

    /// A word from the input made safe to print: non-printable bytes become `?`.
    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map { $0 < 0x20 || $0 == 0x7F ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    }
}

/// Every possible result line, with its newline, indexed by `AccessOutcome.packed`.
struct ResultLineTable {
    private var storage: [UInt8] = []
    private var offsets: [Int] = []

    static let longestLine = 64

    init() {
        storage.reserveCapacity(AccessOutcome.packedCount * 48)
        offsets.reserveCapacity(AccessOutcome.packedCount + 1)
        for code in 0..<AccessOutcome.packedCount {
            offsets.append(storage.count)
            storage.append(contentsOf: AccessOutcome(packed: code).description.utf8)
            storage.append(0x0A)
        }
        offsets.append(storage.count)
    }

    subscript(code: Int) -> ArraySlice<UInt8> {
        storage[offsets[code]..<offsets[code + 1]]
    }
}

/// The contract's flag names packed like the stream packs words, in a 256-slot
/// open-addressing table.
struct FlagWordTable {
    private var keys: [(lo: UInt64, hi: UInt64, bit: UInt32)]

    init() {
        keys = Array(repeating: (0, 0, 0), count: 256)
        for flag in AccessFlag.allCases {
            let (lo, hi) = Self.pack(Array(flag.name.utf8))
            var slot = Self.hash(lo, hi)
            while keys[slot].bit != 0 { slot = (slot + 1) & 255 }
            keys[slot] = (lo, hi, 1 << UInt32(flag.rawValue))
        }
    }

    static func pack(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        precondition(bytes.count <= 16, "flag names are at most 16 bytes")
        var lo: UInt64 = 0, hi: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { lo |= UInt64(b) << (8 * UInt64(i)) } else { hi |= UInt64(b) << (8 * UInt64(i - 8)) }
        }
        return (lo, hi)
    }

    @inline(__always)
    static func hash(_ lo: UInt64, _ hi: UInt64) -> Int {
        Int(truncatingIfNeeded: ((lo &* 0x9E37_79B9_7F4A_7C15) ^ (hi &* 0xC2B2_AE3D_27D4_EB4F)) >> 56)
    }

    /// The flag's bit, or nil for a word that is not a flag.
    @inline(__always)
    func lookup(_ lo: UInt64, _ hi: UInt64) -> UInt32? {
        var slot = Self.hash(lo, hi)
        while true {
            let key = keys[slot]
            if key.bit == 0 { return nil }
            if key.lo == lo && key.hi == hi { return key.bit }
            slot = (slot + 1) & 255
        }
    }
}

/// A direct-mapped memo of flag set -> packed outcome.
struct OutcomeCache {
    private var keys: [UInt32]
    private var values: [UInt16]
    private let mask: Int

    init(bits: Int) {
        keys = Array(repeating: .max, count: 1 << bits)  // no flag set has every bit
        values = Array(repeating: 0, count: 1 << bits)
        mask = (1 << bits) - 1
    }

    @inline(__always)
    mutating func outcome(for flags: UInt32, _ contract: AccessContract) -> Int {
        let slot = Int(truncatingIfNeeded: (UInt64(flags) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        if keys[slot] == flags { return Int(values[slot]) }
        let code = contract.outcome(for: AccessFlagSet(rawValue: flags)).packed
        keys[slot] = flags
        values[slot] = UInt16(code)
        return code
    }
}

/// A fixed output buffer flushed in large writes.
struct OutputBuffer {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { src in
            (base + count).copyMemory(from: src.baseAddress!, byteCount: src.count)
        }
        count += bytes.count
    }

    mutating func flush<Output: ByteSink>(to output: inout Output) throws {
        guard count > 0 else { return }
        try output.write(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }
}
