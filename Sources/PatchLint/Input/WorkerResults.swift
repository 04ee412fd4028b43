import Foundation

/// Results of parallel workers, written by index under a lock; the first error wins.
final class WorkerResults<Element>: @unchecked Sendable {
    private var slots: [Element?]
    private var error: Error?
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Element) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func fail(_ error: Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }

    func collect() throws -> [Element] {
        lock.lock()
        defer { lock.unlock() }
        if let error { throw error }
        return slots.map { $0! }
    }
}

/// A thread-safe counter (progress across workers).
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
