import ArgumentParser
import Foundation
import PatchLint

/// `mmu-review hook install|uninstall|status`.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install, remove or inspect the git hook that reviews each commit.",
        subcommands: [Install.self, Uninstall.self, Status.self])

    struct Location: ParsableArguments {
        @Option(name: .customShort("C"), help: "Run as if started in <dir> (like git -C).")
        var directory: String?

        @Option(name: .customLong("type"),
                help: "pre-commit (review the staged change) or commit-msg (also the message).")
        var kind: HookInstaller.Kind = .preCommit

        func installer() throws -> HookInstaller {
            if let directory, !FileManager.default.changeCurrentDirectoryPath(directory) {
                throw InputError("cannot change to directory '\(directory)'")
            }
            let repository = try GitRepository.openFromEnvironment()
            return HookInstaller(hooksDirectory: repository.hooksDirectory, kind: kind)
        }
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the hook. An existing hook that is not mmu-review's is never overwritten.")

        @OptionGroup var location: Location

        @Flag(help: "Keep an existing hook and run it before mmu-review.")
        var chain = false

        @Flag(help: "Replace an existing hook (it is kept as <hook>.mmu-review-backup).")
        var force = false

        func run() throws {
            Console.write(try location.installer().install(
                executable: HookCommand.currentExecutable, chain: chain, force: force) + "\n")
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove mmu-review's hook and restore the hook it replaced, byte for byte.")

        @OptionGroup var location: Location

        func run() throws {
            Console.write(try location.installer().uninstall() + "\n")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the hook is installed.")

        @OptionGroup var location: Location

        func run() throws {
            let installer = try location.installer()
            switch installer.status() {
            case .notInstalled:
                Console.write("\(installer.kind.rawValue): not installed (\(installer.hookPath))\n")
            case .installed(let chained):
                Console.write("\(installer.kind.rawValue): installed at \(installer.hookPath)"
                              + (chained ? ", running \(installer.chainedPath) first" : "") + "\n")
            case .foreign:
                Console.write("\(installer.kind.rawValue): a hook that is not mmu-review's is at \(installer.hookPath)\n")
            }
        }
    }

    /// The absolute path of this binary, for the hook to call.
    static var currentExecutable: String {
        if let path = Bundle.main.executablePath {
            return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        }
        return CommandLine.arguments[0]
    }
}

extension HookInstaller.Kind: ExpressibleByArgument {}
