/// The streaming side of `mmu-review model access`: reads flag lines in large
/// chunks, writes one result line per input line in large chunks, in constant
/// memory. Parsing works on bytes: each word is loaded as two machine words and
/// found in a small open-addressing table; each line becomes an `AccessFlagSet`
/// bitmask whose result is memoised in a direct-mapped cache (the result line
/// itself comes from a table of every possible line), so the walker runs once per
/// distinct set that is not in the cache.
public struct AccessContractStream: Sendable {
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

        // [a word cut by the previous chunk | the new chunk | 16 zero bytes], so a
        // word is always contiguous and its 16 bytes can be loaded whole.
        let capacity = Self.maxCarriedWord + Self.inputChunk + 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        defer { buffer.deallocate() }

        var mask: UInt32 = 0          // flags of the current line so far
        var lineNumber = 1
        var lineHasBytes = false      // the current line is not empty (matters for the last one)
        var carried = 0               // bytes of a cut word at the buffer's start

        func unknownFlag(start: Int, end: Int) -> AccessContractError {
            let name = Array(UnsafeRawBufferPointer(start: buffer + start, count: end - start))
            return .unknownFlag(Self.printable(name), line: lineNumber)
        }

        while true {
            let n = try input.read(into: UnsafeMutableRawBufferPointer(start: buffer + carried, count: Self.inputChunk))
            let atEnd = n == 0
            let end = carried + n
            (buffer + end).initializeMemory(as: UInt8.self, repeating: 0, count: 16)
            var cutWordStart = end
            var i = 0
            scan: while i < end {
                let byte = buffer.load(fromByteOffset: i, as: UInt8.self)
                if byte == 0x0A {
                    out.append(lines[cache.outcome(for: mask, contract)])
                    if out.count >= Self.outputChunk { try out.flush(to: &output) }
                    mask = 0
                    lineNumber += 1
                    lineHasBytes = false
                    i += 1
                    continue
                }
                lineHasBytes = true
                if Self.isSeparator(byte) {
                    i += 1
                    continue
                }
                let start = i
                repeat { i += 1 } while i < end && !Self.isSeparator(buffer.load(fromByteOffset: i, as: UInt8.self))
                if i == end && !atEnd {
                    cutWordStart = start  // the rest of the word is in the next chunk
                    break scan
                }
                guard let flag = words.lookup(buffer + start, length: i - start) else {
                    try out.flush(to: &output)
                    throw unknownFlag(start: start, end: i)
                }
                mask |= flag
            }
            if atEnd { break }
            carried = end - cutWordStart
            if carried > Self.maxCarriedWord {
                // Far longer than any flag: name its beginning.
                try out.flush(to: &output)
                throw unknownFlag(start: cutWordStart, end: cutWordStart + Self.maxCarriedWord)
            }
            if carried > 0 { buffer.copyMemory(from: buffer + cutWordStart, byteCount: carried) }
        }
        // A last line without a newline still gets its result line.
        if lineHasBytes {
            out.append(lines[cache.outcome(for: mask, contract)])
        }
        try out.flush(to: &output)
    }

    /// Longest word kept across a chunk boundary (longer ones are reported cut).
    static let maxCarriedWord = 4096

    /// Space, tab, CR and LF end a word (bits 32, 9, 13 and 10 of the mask).
    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte <= 0x20 && (0x1_0000_2600 as UInt64) >> UInt64(byte) & 1 != 0
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

    /// The flag's bit for the `length` bytes at `word`, or nil for a word that is
    /// not a flag. The 16 bytes from `word` must be readable.
    @inline(__always)
    func lookup(_ word: UnsafeRawPointer, length: Int) -> UInt32? {
        guard length <= 16 else { return nil }
        var lo = UInt64(littleEndian: word.loadUnaligned(as: UInt64.self))
        var hi = UInt64(littleEndian: word.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if length <= 8 {
            hi = 0
            if length < 8 { lo &= (1 << (8 * UInt64(length))) - 1 }
        } else if length < 16 {
            hi &= (1 << (8 * UInt64(length - 8))) - 1
        }
        return lookup(lo, hi)
    }

    /// The flag's bit for a packed word, or nil.
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
