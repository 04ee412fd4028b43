import Foundation

/// Runs independent jobs on all cores and returns their results in job order.
///
/// Jobs are handed out one at a time from a shared counter (not in fixed stripes), so
/// one long job (the series rules, a huge commit) does not leave the other cores
/// idle: whoever is free takes the next job. Below `minimumJobs` everything runs on
/// the calling thread, where starting workers would cost more than it saves.
enum ParallelMap {
    static func map<T>(count: Int, minimumJobs: Int = 2, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                       _ job: (Int) -> T) -> [T] {
        let workers = min(max(1, workers), count)
        guard count >= minimumJobs, workers > 1 else { return (0..<count).map(job) }
        let slots = Slots<T>(count: count)
        withoutActuallyEscaping(job) { job in
            nonisolated(unsafe) let job = job
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let index = slots.nextIndex() {
                    slots.set(index, job(index))
                }
            }
        }
        return slots.values()
    }

    /// Result slots and the next-job counter, under one lock (jobs are coarse: a
    /// patch's worth of rules each, so the lock is never contended for long).
    private final class Slots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var results: [T?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func nextIndex() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }

        func set(_ index: Int, _ value: T) {
            lock.lock()
            results[index] = value
            lock.unlock()
        }

        func values() -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return results.map { $0! }
        }
    }
}
