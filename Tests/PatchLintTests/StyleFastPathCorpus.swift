@testable import PatchLint

/// Deterministic pseudo-random C-like lines for the style fast-path tests: each
/// fast path must answer exactly like the Character/regex path it replaces, on
/// lines built from the pieces those checks look at.
struct StyleFastPathCorpus {
    /// A fixed seed gives the same lines on every run and platform (`SplitMix64`).
    typealias Generator = SplitMix64

    static let cm = String(KernelSanitizer.commentMark)

    /// Pieces of kernel C (and sanitized C) lines.
    static let pieces: [String] = [
        " ", " ", " ", "\t", "\t", "  ", "        ", "x", "foo", "_bar1", "9", "0x1f", "0644",
        "if", "for", "while", "switch", "else", "do", "return", "case", "default", "sizeof",
        "struct kvm", "unsigned int", "u64", "const", "void", "char", "int", "long long",
        "__user", "__iomem", "__init", "size_t", "static", "#", "#define", "#include", "#elif",
        "define", "elif", "(", ")", "(", ")", "{", "}", "[", "]", ";", ",", ":", "::", "?",
        "<<=", ">>=", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "^=", "|=", "&=",
        "=>", "->", "<<", ">>", "<", ">", "=", "!", "~", "&&", "||", "^", "++", "--", "&", "|",
        "+", "-", "*", "**", "/", "%", "\\", "\"", "'", "\"XXX\"", "'X'", "@", "<a@b>", "a@b.c>",
        cm, cm + cm, "/*", "*/", "//", "EFI_GUID", "DEFINE_PER_CPU", "pr_err", "printk",
        "SPDX-License-Identifier:", "http://x", "X", "DEVICE_ATTR", "module_param", "__ATTR",
        "debugfs_create_u32", "proc_create", "S_IWUGO", "0666",
    ]

    /// Pieces of declarations and casts, for the pointer checks.
    static let declarationPieces: [String] = [
        " ", " ", "\t", "  ", "int", "u64", "struct kvm", "char", "void", "size_t", "foo", "x_t",
        "const", "__user", "__iomem", "unsigned long", "*", "*", "**", " *", "* ", " * ", "\t*",
        "p", "name", "(", ")", ";", ",", "=", "u8const",
    ]

    /// `count` lines of up to `maxPieces` pieces each.
    static func lines(count: Int, maxPieces: Int = 14, seed: UInt64 = 7,
                      from pieces: [String] = pieces) -> [String] {
        var rng = Generator(seed: seed)
        return (0..<count).map { _ in
            let n = Int.random(in: 1...maxPieces, using: &rng)
            return (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
    }
}
