/// A shell-style path pattern as `.gitignore` users expect: `*` matches within one
/// path component, `**` across components (`arch/**/mmu.c`, `**/*.h`), `?` one
/// character, `[abc]` / `[a-z]` / `[!a]` a class. A pattern without `/` matches the
/// file name in any directory (`*.rst`); a pattern ending in `/` matches everything
/// below that directory (`tools/`).
///
/// Matching is a small backtracking matcher over characters whose cost is bounded by
/// pattern length × path length (memoised), so hostile patterns cannot blow up.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let tokens: [Token]
    private let anchored: Bool

    private enum Token: Sendable, Hashable {
        case literal(Character)
        case any            // ?
        case star           // *
        case globstar       // ** (as a whole component, with its slash)
        case set([ClosedRange<Character>], negated: Bool)
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        if p.hasSuffix("/") { p += "**" }
        if p.hasPrefix("/") { p.removeFirst() }
        anchored = p.contains("/")
        tokens = Self.tokenize(p)
    }

    public var description: String { pattern }

    public func matches(_ path: String) -> Bool {
        let chars = Array(path)
        if anchored { return Self.match(tokens, chars) }
        // Unanchored: the pattern applies to the last component.
        let name = chars.lastIndex(of: "/").map { Array(chars[($0 + 1)...]) } ?? chars
        return Self.match(tokens, name)
    }

    private static func tokenize(_ p: String) -> [Token] {
        let c = Array(p)
        var out: [Token] = []
        var i = 0
        while i < c.count {
            switch c[i] {
            case "*":
                if i + 1 < c.count, c[i + 1] == "*" {
                    // `**/` or a trailing `**` is a globstar; otherwise treat as `*`.
                    let atStart = i == 0 || c[i - 1] == "/"
                    let j = i + 2
                    if atStart && (j == c.count || c[j] == "/") {
                        out.append(.globstar)
                        i = j < c.count ? j + 1 : j
                        continue
                    }
                    i += 1
                }
                out.append(.star)
            case "?":
                out.append(.any)
            case "[":
                var j = i + 1
                var negated = false
                if j < c.count, c[j] == "!" || c[j] == "^" { negated = true; j += 1 }
                var ranges: [ClosedRange<Character>] = []
                var closed = false
                var first = true
                while j < c.count {
                    if c[j] == "]" && !first { closed = true; break }
                    first = false
                    if j + 2 < c.count, c[j + 1] == "-", c[j + 2] != "]" {
                        let lo = c[j], hi = c[j + 2]
                        if lo <= hi { ranges.append(lo...hi) }
                        j += 3
                    } else {
                        ranges.append(c[j]...c[j])
                        j += 1
                    }
                }
                if closed {
                    out.append(.set(ranges, negated: negated))
                    i = j
                } else {
                    out.append(.literal("["))
                }
            default:
                out.append(.literal(c[i]))
            }
            i += 1
        }
        return out
    }

    /// Memoised matcher: state (token index, char index) is visited at most once.
    private static func match(_ tokens: [Token], _ s: [Character]) -> Bool {
        var memo = [Bool?](repeating: nil, count: (tokens.count + 1) * (s.count + 1))
        func go(_ t: Int, _ i: Int) -> Bool {
            let key = t * (s.count + 1) + i
            if let known = memo[key] { return known }
            let result: Bool
            if t == tokens.count {
                result = i == s.count
            } else {
                switch tokens[t] {
                case .literal(let ch):
                    result = i < s.count && s[i] == ch && go(t + 1, i + 1)
                case .any:
                    result = i < s.count && s[i] != "/" && go(t + 1, i + 1)
                case .set(let ranges, let negated):
                    if i < s.count, s[i] != "/" {
                        let hit = ranges.contains { $0.contains(s[i]) }
                        result = hit != negated && go(t + 1, i + 1)
                    } else {
                        result = false
                    }
                case .star:
                    result = go(t + 1, i) || (i < s.count && s[i] != "/" && go(t, i + 1))
                case .globstar:
                    // Zero or more whole components: try here, then after each slash.
                    var ok = go(t + 1, i)
                    var j = i
                    while !ok && j < s.count {
                        if s[j] == "/" { ok = go(t + 1, j + 1) }
                        j += 1
                    }
                    if !ok && t + 1 == tokens.count { ok = true }
                    result = ok
                }
            }
            memo[key] = result
            return result
        }
        return go(0, 0)
    }
}

/// The files rules look at: a path is reviewed when it matches an `include` glob
/// (or there are none) and no `exclude` glob.
public struct PathFilter: Sendable, Hashable {
    public var include: [PathGlob]
    public var exclude: [PathGlob]

    public init(include: [PathGlob] = [], exclude: [PathGlob] = []) {
        self.include = include
        self.exclude = exclude
    }

    public var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    public func includes(_ path: String) -> Bool {
        if !include.isEmpty && !include.contains(where: { $0.matches(path) }) { return false }
        return !exclude.contains { $0.matches(path) }
    }

    /// The patch without the file diffs this filter excludes (commit metadata kept,
    /// so commit rules still run).
    public func apply(to patch: Patch) -> Patch {
        guard !isEmpty else { return patch }
        var copy = patch
        copy.files = patch.files.filter { includes($0.path) }
        return copy
    }

    public func apply(to series: Series) -> Series {
        guard !isEmpty else { return series }
        var copy = series
        copy.patches = series.patches.map { apply(to: $0) }
        return copy
    }
}
