import Foundation

/// Runs a program to completion, capturing its output (tests only).
public enum Subprocess {
    public struct Result {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                           environment: [String: String]? = nil, input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let input { inp.fileHandleForWriting.write(input) }
        try? inp.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData, stderr: errData)
    }
}

/// The built `mmu-review` binary, next to the test bundle.
public enum ProductBinary {
    public static var mmuReview: String {
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("mmu-review"),
                          Bundle.main.bundleURL.appendingPathComponent("mmu-review")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        // Fall back to the conventional debug location relative to the package.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/mmu-review").path
    }

    /// Runs mmu-review with the fixture environment.
    public static func run(_ arguments: [String], directory: String, input: Data? = nil,
                           environment extra: [String: String] = [:]) throws -> Subprocess.Result {
        var env = GitFixture.environment
        for (k, v) in extra { env[k] = v }
        return try Subprocess.run(mmuReview, arguments, directory: directory, environment: env, input: input)
    }
}

/// The project's shared data directory (../shared next to the checkout), when present.
public enum SharedData {
    public static var root: URL? {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let shared = package.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.appendingPathComponent("DESIGN.md").path)
            ? shared : nil
    }
}
