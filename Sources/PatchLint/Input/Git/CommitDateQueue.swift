import CGit2

/// The order in which `git log` (without `--topo-order`) visits history: newest
/// committer date first, ties in the order the commits were queued (revision.c's
/// date-ordered `prio_queue`). Unlike libgit2's sorted revwalk, which walks the whole
/// reachable history before it returns the first commit, this queue yields commits
/// as it goes, so looking 50 commits back in a kernel tree stays cheap.
struct CommitDateQueue {
    private struct Entry {
        var time: Int64
        var sequence: Int
        var id: git_oid
    }

    private var heap: [Entry] = []
    private var queued = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    mutating func push(_ id: git_oid, time: Int64) {
        heap.append(Entry(time: time, sequence: queued, id: id))
        queued += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.comesFirst(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> git_oid? {
        guard !heap.isEmpty else { return nil }
        let first = heap[0].id
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < heap.count, Self.comesFirst(heap[left], heap[best]) { best = left }
                if right < heap.count, Self.comesFirst(heap[right], heap[best]) { best = right }
                guard best != parent else { break }
                heap.swapAt(parent, best)
                parent = best
            }
        }
        return first
    }

    private static func comesFirst(_ a: Entry, _ b: Entry) -> Bool {
        a.time != b.time ? a.time > b.time : a.sequence < b.sequence
    }
}
