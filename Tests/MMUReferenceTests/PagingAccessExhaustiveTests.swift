import MMUReference
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every one of the 2^30 flag sets, at MAXPHYADDR 46 and 36: `AccessContract`
/// (the general walker) against `PagingAccessOracle`. Too slow for a debug test
/// run, so it is opt-in:
///
///     MMU_ACCESS_EXHAUSTIVE=1 swift test -c release --filter PagingAccessExhaustive
@Suite("PagingAccessExhaustive", .enabled(if: getenv("MMU_ACCESS_EXHAUSTIVE") != nil))
struct PagingAccessExhaustiveTests {
    @Test("every flag set", arguments: [46, 36])
    func everyFlagSet(maxPhysicalAddressBits: Int) async {
        let total = UInt64(AccessFlagSet.all.rawValue) + 1
        let slices: UInt64 = 256
        let bad = await withTaskGroup(of: [String].self) { group in
            for slice in 0..<slices {
                group.addTask {
                    let lower = UInt32(total * slice / slices), upper = UInt32(total * (slice + 1) / slices)
                    return PagingAccessOracleTests.mismatches(
                        Array(lower..<upper), maxPhysicalAddressBits: maxPhysicalAddressBits)
                }
            }
            var all: [String] = []
            for await found in group { all += found }
            return all
        }
        #expect(bad.isEmpty, "\(bad.prefix(10).joined(separator: "\n"))")
    }
}
