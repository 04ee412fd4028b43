import FuzzCDriver
import Foundation

/// The one piece every fuzz target shares, so a new target is one small `main.swift`:
///
///     import FuzzSupport
///     import PatchLint
///     FuzzDriver.run { bytes in _ = try? UnifiedDiffParser.parse(bytes) }
///
/// Built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING` it hands the target to
/// libFuzzer (`LLVMFuzzerRunDriver`), and every libFuzzer flag works. Built normally (plain
/// `swift build`) it replays the files and directories named on the command line once each,
/// so a crash file or a seed corpus can be rerun without the sanitizer toolchain.
///
/// Why not libFuzzer's own `main`: SwiftPM links every executable target with
/// `--defsym main=<Module>_main` (so tests can link the module), which replaces libFuzzer's
/// `main`; the program's own top-level code must therefore start libFuzzer itself.
public enum FuzzDriver {
    public static func run(_ target: @escaping ([UInt8]) -> Void) -> Never {
        currentTarget = target
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) })
        #else
        exit(replay(Array(CommandLine.arguments.dropFirst())))
        #endif
    }

    /// Runs the target once on each file (directories: each file in them, sorted).
    static func replay(_ paths: [String]) -> Int32 {
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) FILE|DIR... (replay; build with -DFUZZING to fuzz)\n".utf8))
            return 2
        }
        var count = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("\(path): no such file\n".utf8))
                return 2
            }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                currentTarget([UInt8](data))
                count += 1
            }
        }
        print("replayed \(count) input\(count == 1 ? "" : "s") without a crash")
        return 0
    }
}

/// The target under test; set once, before libFuzzer or the replay starts.
nonisolated(unsafe) private var currentTarget: ([UInt8]) -> Void = { _ in }

/// libFuzzer's per-input callback (its `main`, linked in fuzzing builds, refers to it by name).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    currentTarget(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
