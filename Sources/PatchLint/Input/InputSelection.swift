import Foundation

/// What the user asked to review, decided from the command line the way the design
/// card describes: `--staged`, existing files (or `-`) read as mail, anything else a
/// revision; nothing at all means `@{u}..HEAD` when there is an upstream, else HEAD.
public enum InputSelection: Sendable, Hashable {
    case staged
    case revisions([String])
    case mailFiles([String])
    case defaultRevision

    public static func classify(_ arguments: [String], staged: Bool) throws -> InputSelection {
        if staged {
            guard arguments.isEmpty else {
                throw InputError("--staged reviews the index; do not name revisions or files with it")
            }
            return .staged
        }
        guard !arguments.isEmpty else { return .defaultRevision }
        var files: [String] = []
        var revisions: [String] = []
        var isDirectory: ObjCBool = false
        for argument in arguments {
            if argument == "-" {
                files.append(argument)
            } else if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    throw InputError("'\(argument)' is a directory, not a patch file or revision (use -C to review another repository)")
                }
                files.append(argument)
            } else if Self.looksLikePatchFile(argument) {
                throw InputError("no such file: '\(argument)'")
            } else {
                revisions.append(argument)
            }
        }
        if !files.isEmpty && !revisions.isEmpty {
            throw InputError("cannot mix patch files (\(files[0])) and revisions (\(revisions[0])) in one review")
        }
        return files.isEmpty ? .revisions(revisions) : .mailFiles(files)
    }

    /// Names nobody would give a revision: a missing patch file is reported as a
    /// missing file rather than as an unknown revision.
    static func looksLikePatchFile(_ argument: String) -> Bool {
        let lower = argument.lowercased()
        return [".patch", ".diff", ".mbox", ".mbx", ".eml"].contains { lower.hasSuffix($0) }
    }
}
