import CGit2

/// libgit2 process-wide setup and error reporting.
///
/// `git_libgit2_init` must run once before anything else; the last error is per
/// thread and `git_error_last()` may be NULL.
enum LibGit2 {
    /// Runs `git_libgit2_init` exactly once (Swift's lazy static initialisation is
    /// thread-safe).
    static let initialized: Bool = {
        git_libgit2_init()
        // Like git's own reads: no SHA-1 of every object inflated (libgit2's default
        // re-hashes each one with the collision-detecting SHA-1, the largest cost of
        // reading a range after zlib).
        mmu_git_set_strict_hash_verification(0)
        // No object cache: what a review reads once it never asks for again, and the
        // cache made memory grow with the range (80 -> 40 MB for libgit2 alone over
        // 3,000 commits, and no slower; scripts/libgit2-floor.c).
        mmu_git_set_caching(0)
        return true
    }()

    /// The current thread's last libgit2 error, or a fallback.
    static func lastErrorMessage(_ fallback: String) -> String {
        if let error = git_error_last(), let message = error.pointee.message {
            let text = String(cString: message)
            if !text.isEmpty { return text }
        }
        return fallback
    }

    /// Throws an `InputError` for a negative libgit2 return code.
    static func check(_ code: Int32, _ what: @autoclosure () -> String) throws {
        if code < 0 {
            throw InputError("\(what()): \(lastErrorMessage("libgit2 error \(code)"))")
        }
    }
}

extension git_oid {
    /// The 40-hex form.
    var hex: String {
        var copy = self
        var buffer = [UInt8](repeating: 0, count: 40)
        buffer.withUnsafeMutableBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, &copy) }
        }
        return String(decoding: buffer, as: UTF8.self)
    }
}
