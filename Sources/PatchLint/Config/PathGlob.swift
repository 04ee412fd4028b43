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
    /// The same tokens over bytes, for paths of one byte per character (nil when the
    /// pattern itself is not plain ASCII). Rules ask for every added line, so the
    /// common case must not build a `[Character]` per call.
    private let byteTokens: [ByteToken]?

    fileprivate enum Token: Sendable, Hashable {
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
        byteTokens = ByteToken.compile(tokens)
    }

    public var description: String { pattern }

    public static func == (a: PathGlob, b: PathGlob) -> Bool { a.pattern == b.pattern }
    public func hash(into h: inout Hasher) { h.combine(pattern) }

    public func matches(_ path: String) -> Bool {
        if let byteTokens {
            let fast: Bool? = ASCIIBytes.withBytes(path) { bytes in
                guard ASCIIBytes.isOneBytePerCharacter(bytes) else { return nil }
                if anchored { return Self.matchBytes(byteTokens, bytes) }
                let slash = bytes.lastIndex(of: 0x2F)
                let name = UnsafeBufferPointer(rebasing: bytes[(slash.map { $0 + 1 } ?? 0)...])
                return Self.matchBytes(byteTokens, name)
            }
            if let fast { return fast }
        }
        return matchesByCharacters(path)
    }

    /// The reference matcher over `Character`s (any path); `matches` gives the same
    /// answer faster when the path is plain ASCII.
    func matchesByCharacters(_ path: String) -> Bool {
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

// MARK: - Byte matching

extension PathGlob {
    /// A token over bytes. Only built from plain-ASCII patterns and only used on paths
    /// where each byte is one `Character`, so it decides what the `Character` matcher
    /// decides.
    fileprivate enum ByteToken: Sendable, Hashable {
        case literal(UInt8)
        case any
        case star
        case globstar
        /// For each ASCII byte, whether the class accepts it (from the `Character` ranges).
        case set(low: UInt64, high: UInt64)

        /// Whether a single-byte token accepts `b` (`?` and classes never take `/`).
        @inline(__always)
        func accepts(_ b: UInt8) -> Bool {
            switch self {
            case .literal(let x): return b == x
            case .any: return b != 0x2F
            case .set(let low, let high):
                guard b != 0x2F else { return false }
                return b < 64 ? (low >> UInt64(b)) & 1 == 1 : (high >> UInt64(b - 64)) & 1 == 1
            case .star, .globstar: return false
            }
        }

        static func compile(_ tokens: [Token]) -> [ByteToken]? {
            var out: [ByteToken] = []
            for token in tokens {
                switch token {
                case .literal(let c):
                    guard c.utf8.count == 1, let b = c.utf8.first, b < 0x80 else { return nil }
                    out.append(.literal(b))
                case .any: out.append(.any)
                case .star: out.append(.star)
                case .globstar: out.append(.globstar)
                case .set(let ranges, let negated):
                    var low: UInt64 = 0, high: UInt64 = 0
                    for b in 0..<128 {
                        let ch = Character(Unicode.Scalar(UInt8(b)))
                        guard ranges.contains(where: { $0.contains(ch) }) != negated else { continue }
                        if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
                    }
                    out.append(.set(low: low, high: high))
                }
            }
            return out
        }
    }

    /// Matches `tokens` against the whole of `s`. Patterns without `*` and with one `*`
    /// (`*.c`, `arch/x86/kvm/*.c`) are decided directly, without allocating; others
    /// use the memoised matcher, as the `Character` version does.
    fileprivate static func matchBytes(_ tokens: [ByteToken], _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var stars = 0, starAt = -1, globstar = false
        for (k, t) in tokens.enumerated() {
            switch t {
            case .star: stars += 1; starAt = k
            case .globstar: globstar = true
            default: break
            }
        }
        if !globstar && stars == 0 {
            guard s.count == tokens.count else { return false }
            for k in 0..<tokens.count where !tokens[k].accepts(s[k]) { return false }
            return true
        }
        if !globstar && stars == 1 {
            // head * tail: the fixed head at the start, the fixed tail at the end, and
            // the star's span in between holds no `/`.
            let head = starAt, tail = tokens.count - starAt - 1
            guard s.count >= head + tail else { return false }
            for k in 0..<head where !tokens[k].accepts(s[k]) { return false }
            let tailStart = s.count - tail
            for k in 0..<tail where !tokens[starAt + 1 + k].accepts(s[tailStart + k]) { return false }
            for k in head..<tailStart where s[k] == 0x2F { return false }
            return true
        }
        return memoMatchBytes(tokens, s)
    }

    /// `match(_:_:)` (the memoised `Character` matcher) over bytes.
    private static func memoMatchBytes(_ tokens: [ByteToken], _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var memo = [UInt8](repeating: 0, count: (tokens.count + 1) * (s.count + 1))  // 0 unknown, 1 no, 2 yes
        func go(_ t: Int, _ i: Int) -> Bool {
            let key = t * (s.count + 1) + i
            if memo[key] != 0 { return memo[key] == 2 }
            let result: Bool
            if t == tokens.count {
                result = i == s.count
            } else {
                switch tokens[t] {
                case .star:
                    result = go(t + 1, i) || (i < s.count && s[i] != 0x2F && go(t, i + 1))
                case .globstar:
                    var ok = go(t + 1, i)
                    var j = i
                    while !ok && j < s.count {
                        if s[j] == 0x2F { ok = go(t + 1, j + 1) }
                        j += 1
                    }
                    if !ok && t + 1 == tokens.count { ok = true }
                    result = ok
                default:
                    result = i < s.count && tokens[t].accepts(s[i]) && go(t + 1, i + 1)
                }
            }
            memo[key] = result ? 2 : 1
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
