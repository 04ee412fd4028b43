/// One C token, as the lexer cuts added (or removed) code into pieces.
///
/// Positions are relative to the lines the lexer was given: `line` is an index into
/// that array, `column` a UTF-8 byte offset in the line. Rules map `line` back to a
/// `DiffLine` through the `CodeView` that lexed it.
public struct CToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case identifier, number, string, char, punct, comment
    }

    public var kind: Kind
    /// The token's text; for strings and chars the quotes are included.
    public var text: String
    public var line: Int
    public var column: Int
    /// True for the tokens of a preprocessor directive (`#define ...` up to the end of
    /// its last continued line), so statements never run across a directive.
    public var inDirective: Bool

    public init(kind: Kind, text: String, line: Int, column: Int, inDirective: Bool = false) {
        self.kind = kind
        self.text = text
        self.line = line
        self.column = column
        self.inDirective = inDirective
    }

    public func isPunct(_ p: String) -> Bool { kind == .punct && text == p }
    public func isIdentifier(_ name: String) -> Bool { kind == .identifier && text == name }
}

/// C keywords that look like identifiers to the lexer but never name a variable,
/// a function or a member.
public enum CKeywords {
    public static let all: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double",
        "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
        "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
        "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
        "_Bool", "typeof", "__typeof__", "asm", "__asm__", "_Static_assert", "static_assert",
        "__always_inline", "noinline", "__init", "__exit", "__read_mostly", "__ro_after_init",
        "__maybe_unused", "__must_check", "true", "false", "NULL",
    ]

    /// Keywords that are followed by `(` without being calls.
    public static let control: Set<String> = ["if", "while", "for", "switch", "return", "sizeof",
                                              "typeof", "__typeof__", "_Static_assert",
                                              "static_assert", "asm", "__asm__", "do", "else"]
}
