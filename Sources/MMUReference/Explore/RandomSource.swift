/// A small, fast, seeded generator (SplitMix64): the same seed gives the same run on every
/// platform, which is what makes explorer runs reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    @inline(__always) public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n (n > 0); the tiny modulo bias is irrelevant here.
    @inline(__always) public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    @inline(__always) public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    @inline(__always) public mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}
