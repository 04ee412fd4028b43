/// A `Key: value` line of the trailer block that ends a commit message
/// (Signed-off-by, Reviewed-by, Acked-by, Fixes, Link, Cc, ...).
public struct Trailer: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
