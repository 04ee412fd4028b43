/// Frame numbers and addresses print in lower-case hex with a 0x prefix, in traces and messages.
@inline(__always) func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
