import Foundation

/// A small, thread-safe cache of the most recent results, looked up by equality.
///
/// Several rules lex the same patch (and the series rules build the same series
/// index); the engine runs them one after the other on one patch, so remembering the
/// last few results removes the repeated work without holding a whole range in memory.
final class RecentCache<Key: Equatable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var entries: [(key: Key, value: Value)] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value(for key: Key, orInsert make: () -> Value) -> Value {
        lock.lock()
        if let hit = entries.firstIndex(where: { $0.key == key }) {
            let value = entries[hit].value
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = make()
        lock.lock()
        entries.append((key, value))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        lock.unlock()
        return value
    }
}
