#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level access to text for the fast paths of the scanners (sanitizer, scrubber,
/// globs, pattern prefilters). Those scanners are specified over `Character`s; on a
/// line where every `Character` is one ASCII byte they can work on the UTF-8 bytes
/// directly and give the same result, which is what `isOneBytePerCharacter` decides.
enum ASCIIBytes {
    /// Calls `body` with the string's UTF-8 bytes, without copying a native string.
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return try copy.withUTF8(body)
    }

    @inline(__always)
    static func withBytes<R>(_ text: Substring, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(text)
        return try copy.withUTF8(body)
    }

    /// True when every byte is ASCII and no `\r\n` pair occurs: then each byte is one
    /// `Character` (`\r\n` is the only ASCII grapheme cluster of two scalars), so a
    /// scan over bytes sees exactly what a scan over `Array(text)` sees.
    @inline(__always)
    static func isOneBytePerCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasCR = false
        for b in bytes {
            if b >= 0x80 || (previousWasCR && b == 0x0A) { return false }
            previousWasCR = b == 0x0D
        }
        return true
    }

    /// Offset of the first `byte` at or after `from` (memchr: many bytes per step), or nil.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), buffer.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `count` bytes at `a` and at `b` are the same (memcmp).
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        count == 0 || memcmp(a, b, count) == 0
    }

    /// Makes a String from bytes known to be valid ASCII (no validation pass needed
    /// beyond what the standard library does for ASCII).
    @inline(__always)
    static func string(_ count: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) -> String {
        String(unsafeUninitializedCapacity: count, initializingUTF8With: { buffer in
            fill(buffer)
            return count
        })
    }
}
