import Foundation

/// "reviewing 120/500 commits (850/s)" on stderr, redrawn in place: only on a
/// terminal, never in pipes or CI, and only for ranges long enough to wait for.
final class ProgressLine: @unchecked Sendable {
    static let minimumCommits = 50
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let lock = NSLock()

    /// A callback for the reader, or nil when progress should not be shown.
    static func callback() -> (@Sendable (Int, Int) -> Void)? {
        let env = ProcessInfo.processInfo.environment
        guard isatty(STDERR_FILENO) == 1, env["CI"] == nil, env["TERM"] != "dumb" else { return nil }
        let line = ProgressLine()
        return { done, total in line.update(done, total) }
    }

    func update(_ done: Int, _ total: Int) {
        guard total >= Self.minimumCommits else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if done < total && now.timeIntervalSince(lastDraw) < 0.1 { return }
        lastDraw = now
        let rate = Double(done) / max(now.timeIntervalSince(start), 0.001)
        var text = "\r\u{1B}[Kreviewing \(done)/\(total) commits (\(Int(rate))/s)"
        if done == total { text = "\r\u{1B}[K" }  // leave a clean line for the report
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }
}
