import Foundation

/// A compiled regular expression for the built-in style rules (trusted, fixed
/// patterns; pack patterns from users go through `BoundedPattern`).
/// NSRegularExpression is immutable and documented thread-safe, hence the
/// unchecked Sendable.
final class StyleRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String, caseInsensitive: Bool = false) {
        // A bad built-in pattern is a programming error caught by the example tests.
        regex = try! NSRegularExpression(pattern: pattern,
                                         options: caseInsensitive ? [.caseInsensitive] : [])
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Capture groups of the first match (nil for a group that did not take part).
    func firstMatch(_ text: String) -> [String?]? {
        guard let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
            return nil
        }
        return (0..<m.numberOfRanges).map { i in
            Range(m.range(at: i), in: text).map { String(text[$0]) }
        }
    }

    /// Every match, with its capture groups and the character offset of the match.
    func allMatches(_ text: String) -> [(groups: [String?], offset: Int)] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            let groups = (0..<m.numberOfRanges).map { i in
                Range(m.range(at: i), in: text).map { String(text[$0]) }
            }
            let offset = Range(m.range, in: text).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
            return (groups, offset)
        }
    }
}

/// Kernel C vocabulary shared by the style rules (types and modifiers as kernel
/// code spells them).
enum KernelC {
    /// A comment character in sanitized text.
    static let cm = "\u{1C}"
    /// A string literal in sanitized text.
    static let string = #"(?:\b[Lu])?"X*""#
    static let ident = #"[A-Za-z_][A-Za-z0-9_]*"#
    /// Types that are never pointers by themselves, as checkpatch knows them: C's
    /// basic types (with sign and size words), struct/union/enum tags, the kernel's
    /// fixed-size integer types (u8.. __le64), BSD/SysV shorthands (u_int, ulong),
    /// FILE, and anything ending in _t, _handler or _handler_fn.
    static let basicType = #"(?:(?:(?:un)?signed\s+)?(?:long\s+long|long|short|char|int)(?:\s+int)?|(?:un)?signed|void|bool|_Bool|float|double|(?:struct|union|enum)\s+[A-Za-z_]\w*|(?:__)?(?:u|s|be|le)(?:8|16|32|64)|u_(?:char|short|int|long)|u(?:nchar|short|int|long)|FILE|[A-Za-z_]\w*_t|[A-Za-z_]\w*_handler(?:_fn)?)"#
    /// Attributes and sparse annotations that may sit between a type and its
    /// declarator (checkpatch's $Attribute, $Sparse and modifier list).
    static let modifier = #"(?:const|volatile|__percpu|__nocast|__safe|__bitwise|__packed__|__packed2__|__naked|__maybe_unused|__always_unused|__noreturn|__used|__cold|__pure|__noclone|__deprecated|__read_mostly|__ro_after_init|__kprobes|__(?:mem|cpu|dev|net_)?(?:initdata|initconst|init)\b|__aligned\s*\([^)]*\)|____cacheline_aligned(?:_in_smp)?|____cacheline_internodealigned_in_smp|__weak|__alloc_size\s*\([^)]*\)|__user|__kernel|__force|__iomem|__must_check|__ref|__refconst|__refdata|__rcu|__private|fastcall)"#
    /// A type in a declaration, without the pointer stars.
    static let nonPointerType = #"(?:"# + modifier + #"\s+)*"# + basicType
        + #"(?:\s+"# + modifier + #")*"#

    /// True when `text` (sanitized, right-trimmed of spaces and stars) ends in a type.
    static func endsWithType(_ text: Substring) -> Bool {
        var t = text
        while let c = t.last, c == " " || c == "\t" || c == "*" { t.removeLast() }
        return endsWithTypeRegex.matches(String(t))
    }
    private static let endsWithTypeRegex = StyleRegex(#"(?:^|[^\w])"# + basicType + #"$"#)
}
