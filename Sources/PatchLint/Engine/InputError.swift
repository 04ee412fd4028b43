/// Anything wrong with what the user asked us to read: an unknown revision, a path
/// that is not a repository, an unreadable or malformed file. The CLI prints
/// `mmu-review: <message>` on one line and exits 2.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
