/// A regular expression for rule packs, matched in time linear in the text: the
/// pattern is compiled to an NFA and run as a Pike VM (every thread advances in
/// lock-step, at most one thread per instruction), so no pattern — however
/// pathological, `(a+)+$` or `(a|aa)*b` — can backtrack exponentially on
/// untrusted patch text. Cost is bounded by text length × program size, and the
/// program size is capped when the pack is loaded.
///
/// Syntax: literals, `.`, `[...]` classes (ranges, negation, escapes), `\d \w \s`
/// and their negations, `\b \B`, `^ $`, groups `( )` and `(?: )`, `|`, and the
/// quantifiers `* + ? {n} {n,} {n,m}` (lazy forms accepted; only whether there is a
/// match matters). Escapes `\t \n \\ \. \( ...`. No backreferences or lookaround:
/// they are what makes matching super-linear.
public struct BoundedPattern: Sendable, Hashable {
    public let source: String
    public let caseInsensitive: Bool
    let program: [Instruction]
    /// UTF-8 of a run of literal characters that every match contains (folded when
    /// case-insensitive; empty when the pattern has none, e.g. `\d+|x`). Most lines
    /// lack a pack rule's identifier (`strcpy`), and looking for these bytes proves
    /// that without running the VM.
    public let requiredLiteral: [UInt8]

    /// Largest compiled program accepted (instructions).
    public static let maxProgramSize = 5_000
    /// Largest repetition count in `{n,m}`.
    public static let maxRepeat = 255

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(_ source: String, caseInsensitive: Bool = false) throws {
        self.source = source
        self.caseInsensitive = caseInsensitive
        var parser = Parser(chars: Array(source.unicodeScalars), caseInsensitive: caseInsensitive)
        let node = try parser.parseAll()
        var compiler = Compiler()
        try compiler.emit(node)
        compiler.code.append(.match)
        program = compiler.code
        requiredLiteral = Array(String(String.UnicodeScalarView(
            Self.requiredLiteral(of: node).compactMap(Unicode.Scalar.init))).utf8)
    }

    /// The longest run of consecutive literal characters that every match of `node`
    /// must contain. Conservative: alternatives and optional parts contribute nothing,
    /// and assertions end a run.
    static func requiredLiteral(of node: Node) -> [UInt32] {
        switch node {
        case .atom(.char(let c)):
            return [c]
        case .atom, .empty, .alternation:
            return []
        case .repeated(let inner, let min, _):
            return min >= 1 ? requiredLiteral(of: inner) : []
        case .concat(let items):
            var best: [UInt32] = [], run: [UInt32] = []
            for item in items {
                if case .atom(.char(let c)) = item {
                    run.append(c)
                    continue
                }
                if run.count > best.count { best = run }
                run = []
                let inner = requiredLiteral(of: item)
                if inner.count > best.count { best = inner }
            }
            if run.count > best.count { best = run }
            return best
        }
    }

    /// False when `text` cannot match because it lacks `requiredLiteral`; true says
    /// nothing. Linear in the text, no allocation.
    public func mayMatch(_ text: String) -> Bool {
        guard !requiredLiteral.isEmpty else { return true }
        return ASCIIBytes.withBytes(text) { bytes in
            requiredLiteral.withUnsafeBufferPointer { needle in
                Self.contains(bytes, needle, folding: caseInsensitive)
            }
        }
    }

    /// Whether `needle` occurs in `haystack` (with A-Z folded to a-z in the haystack
    /// when `folding`, as `matches` folds the text).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>,
                         folding: Bool) -> Bool {
        let n = haystack.count, m = needle.count
        guard m > 0 else { return true }
        guard n >= m else { return false }
        @inline(__always) func at(_ i: Int) -> UInt8 {
            let b = haystack[i]
            return folding && b >= 65 && b <= 90 ? b + 32 : b
        }
        let first = needle[0]
        if !folding {
            // memchr to each occurrence of the first byte, then compare the rest.
            var from = 0
            while from <= n - m, let i = ASCIIBytes.firstIndex(of: first, in: haystack, from: from) {
                guard i <= n - m else { return false }
                if ASCIIBytes.equal(haystack.baseAddress! + i, needle.baseAddress!, count: m) { return true }
                from = i + 1
            }
            return false
        }
        var i = 0
        while i <= n - m {
            if at(i) == first {
                var k = 1
                while k < m && at(i + k) == needle[k] { k += 1 }
                if k == m { return true }
            }
            i += 1
        }
        return false
    }

    // MARK: - Program

    enum Instruction: Sendable, Hashable {
        case char(UInt32)
        case any
        case set(CharSet)
        case split(Int, Int)
        case jump(Int)
        case lineStart, lineEnd, wordBoundary, notWordBoundary
        case match
    }

    struct CharSet: Sendable, Hashable {
        var ranges: [ClosedRange<UInt32>]
        var negated: Bool

        func contains(_ c: UInt32) -> Bool {
            ranges.contains { $0.contains(c) } != negated
        }
    }

    indirect enum Node {
        case empty
        case atom(Instruction)
        case concat([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    // MARK: - Matching

    /// True when the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        guard mayMatch(text) else { return false }
        return runProgram(on: text)
    }

    /// The Pike VM itself (no prefilter).
    func runProgram(on text: String) -> Bool {
        var scalars = text.unicodeScalars.map(\.value)
        if caseInsensitive { scalars = scalars.map(Self.fold) }
        let n = program.count
        var current = [Int](), next = [Int]()
        current.reserveCapacity(n); next.reserveCapacity(n)
        // Stamp per instruction: the position + 1 it was last added for, so each
        // instruction holds at most one thread per position.
        var onList = [Int](repeating: -1, count: n)
        // One work stack for every `add`: each pc is pushed at most once per position.
        var stack: [Int] = []
        stack.reserveCapacity(n)

        // Adds a thread at pc, following jumps, splits and assertions at position i.
        func add(_ list: inout [Int], _ pc: Int, _ i: Int) -> Bool {
            stack.removeAll(keepingCapacity: true)
            stack.append(pc)
            var matched = false
            while let p = stack.popLast() {
                if onList[p] == i + 1 { continue }
                onList[p] = i + 1
                switch program[p] {
                case .jump(let t): stack.append(t)
                case .split(let a, let b): stack.append(b); stack.append(a)
                case .lineStart: if i == 0 { stack.append(p + 1) }
                case .lineEnd: if i == scalars.count { stack.append(p + 1) }
                case .wordBoundary: if Self.isBoundary(scalars, i) { stack.append(p + 1) }
                case .notWordBoundary: if !Self.isBoundary(scalars, i) { stack.append(p + 1) }
                case .match: matched = true
                default: list.append(p)
                }
            }
            return matched
        }

        for i in 0...scalars.count {
            // A new thread starts at every position: the search is unanchored.
            if add(&current, 0, i) { return true }
            if i == scalars.count { break }
            let c = scalars[i]
            next.removeAll(keepingCapacity: true)
            for pc in current {
                let ok: Bool
                switch program[pc] {
                case .char(let x): ok = x == c
                case .any: ok = c != 10
                case .set(let s): ok = s.contains(c)
                default: ok = false
                }
                if ok, add(&next, pc + 1, i + 1) { return true }
            }
            swap(&current, &next)
        }
        return false
    }

    static func isWord(_ c: UInt32) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }

    static func isBoundary(_ s: [UInt32], _ i: Int) -> Bool {
        let before = i > 0 && isWord(s[i - 1])
        let after = i < s.count && isWord(s[i])
        return before != after
    }

    static func fold(_ c: UInt32) -> UInt32 { (c >= 65 && c <= 90) ? c + 32 : c }

    // MARK: - Parser

    struct Parser {
        let chars: [Unicode.Scalar]
        let caseInsensitive: Bool
        var i = 0

        init(chars: [Unicode.Scalar], caseInsensitive: Bool) {
            self.chars = chars
            self.caseInsensitive = caseInsensitive
        }

        func error(_ what: String) -> SyntaxError {
            SyntaxError(description: "\(what) at offset \(i)")
        }

        mutating func parseAll() throws -> Node {
            let node = try parseAlternation()
            if i < chars.count { throw error("unbalanced ')'") }
            return node
        }

        mutating func parseAlternation() throws -> Node {
            var branches = [try parseConcat()]
            while i < chars.count, chars[i] == "|" {
                i += 1
                branches.append(try parseConcat())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseConcat() throws -> Node {
            var items: [Node] = []
            while i < chars.count, chars[i] != "|", chars[i] != ")" {
                var atom = try parseAtom()
                atom = try parseQuantifiers(atom)
                items.append(atom)
            }
            return items.count == 1 ? items[0] : .concat(items)
        }

        mutating func parseQuantifiers(_ atom: Node) throws -> Node {
            var node = atom
            while i < chars.count {
                let c = chars[i]
                var range: (Int, Int?)?
                if c == "*" { range = (0, nil); i += 1 }
                else if c == "+" { range = (1, nil); i += 1 }
                else if c == "?" { range = (0, 1); i += 1 }
                else if c == "{", let r = try parseBraces() { range = r }
                guard let (lo, hi) = range else { break }
                if i < chars.count, chars[i] == "?" || chars[i] == "+" { i += 1 }  // lazy/possessive: same set of matches
                if case .atom(let inst) = node, [.lineStart, .lineEnd, .wordBoundary, .notWordBoundary].contains(inst) {
                    throw error("quantifier after an assertion")
                }
                node = .repeated(node, min: lo, max: hi)
            }
            return node
        }

        /// `{n}`, `{n,}`, `{n,m}`; nil (and `{` is a literal) when not a quantifier.
        mutating func parseBraces() throws -> (Int, Int?)? {
            var j = i + 1
            func number() -> Int? {
                var v = 0, digits = 0
                while j < chars.count, let d = Int(String(chars[j])), chars[j].isASCII {
                    v = v * 10 + d; digits += 1; j += 1
                    if v > 100_000 { break }
                }
                return digits > 0 ? v : nil
            }
            guard let lo = number() else { return nil }
            var hi: Int? = lo
            if j < chars.count, chars[j] == "," {
                j += 1
                hi = number()
            }
            guard j < chars.count, chars[j] == "}" else { return nil }
            if lo > maxRepeat || (hi ?? 0) > maxRepeat { throw error("repetition count above \(maxRepeat)") }
            if let hi, hi < lo { throw error("{n,m} with m < n") }
            i = j + 1
            return (lo, hi)
        }

        /// A literal character; case-insensitive patterns match against folded text.
        func literal(_ c: Unicode.Scalar) -> Node {
            .atom(.char(caseInsensitive ? BoundedPattern.fold(c.value) : c.value))
        }

        mutating func parseAtom() throws -> Node {
            let c = chars[i]
            switch c {
            case "(":
                i += 1
                if i + 1 < chars.count, chars[i] == "?" {
                    guard chars[i + 1] == ":" else { throw error("only (?: ) groups are supported (no lookaround)") }
                    i += 2
                }
                let inner = try parseAlternation()
                guard i < chars.count, chars[i] == ")" else { throw error("missing ')'") }
                i += 1
                return inner
            case "[":
                return .atom(.set(try parseClass()))
            case ".":
                i += 1
                return .atom(.any)
            case "^":
                i += 1
                return .atom(.lineStart)
            case "$":
                i += 1
                return .atom(.lineEnd)
            case "*", "+", "?":
                throw error("quantifier without anything to repeat")
            case "\\":
                i += 1
                guard i < chars.count else { throw error("trailing backslash") }
                let e = chars[i]
                i += 1
                switch e {
                case "b": return .atom(.wordBoundary)
                case "B": return .atom(.notWordBoundary)
                case "d", "D", "w", "W", "s", "S": return .atom(.set(Self.shorthand(e)))
                case "1"..."9": throw error("backreferences are not supported")
                default: return literal(Self.escaped(e))
                }
            default:
                i += 1
                return literal(c)
            }
        }

        static func escaped(_ e: Unicode.Scalar) -> Unicode.Scalar {
            switch e {
            case "t": return "\t"
            case "n": return "\n"
            case "r": return "\r"
            default: return e
            }
        }

        static func shorthand(_ e: Unicode.Scalar) -> CharSet {
            let digit: [ClosedRange<UInt32>] = [48...57]
            let word: [ClosedRange<UInt32>] = [48...57, 65...90, 97...122, 95...95]
            let space: [ClosedRange<UInt32>] = [9...13, 32...32]
            switch e {
            case "d": return CharSet(ranges: digit, negated: false)
            case "D": return CharSet(ranges: digit, negated: true)
            case "w": return CharSet(ranges: word, negated: false)
            case "W": return CharSet(ranges: word, negated: true)
            case "s": return CharSet(ranges: space, negated: false)
            default: return CharSet(ranges: space, negated: true)
            }
        }

        mutating func parseClass() throws -> CharSet {
            i += 1  // [
            var negated = false
            if i < chars.count, chars[i] == "^" { negated = true; i += 1 }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while true {
                guard i < chars.count else { throw error("missing ']'") }
                var c = chars[i]
                if c == "]" && !first { i += 1; break }
                first = false
                i += 1
                if c == "\\" {
                    guard i < chars.count else { throw error("trailing backslash") }
                    let e = chars[i]
                    i += 1
                    if "dDwWsS".unicodeScalars.contains(e) {
                        let s = Self.shorthand(e)
                        if s.negated { throw error("negated shorthand inside a class") }
                        ranges += s.ranges
                        continue
                    }
                    c = Self.escaped(e)
                }
                var hi = c
                if i + 1 < chars.count, chars[i] == "-", chars[i + 1] != "]" {
                    hi = chars[i + 1]
                    if hi == "\\", i + 2 < chars.count { hi = Self.escaped(chars[i + 2]); i += 1 }
                    i += 2
                }
                guard c.value <= hi.value else { throw error("bad range in class") }
                ranges.append(c.value...hi.value)
                if caseInsensitive {
                    // Add the other case of the letters in the range.
                    for r in [65...90, 97...122] as [ClosedRange<UInt32>] where r.overlaps(c.value...hi.value) {
                        let lo = max(r.lowerBound, c.value), up = min(r.upperBound, hi.value)
                        let shift: Int64 = r.lowerBound == 65 ? 32 : -32
                        ranges.append(UInt32(Int64(lo) + shift)...UInt32(Int64(up) + shift))
                    }
                }
            }
            return CharSet(ranges: ranges, negated: negated)
        }
    }

    // MARK: - Compiler

    struct Compiler {
        var code: [Instruction] = []

        mutating func check() throws {
            if code.count > BoundedPattern.maxProgramSize {
                throw SyntaxError(description: "pattern too large (over \(BoundedPattern.maxProgramSize) instructions once repetitions are expanded)")
            }
        }

        mutating func emit(_ node: Node) throws {
            try check()
            switch node {
            case .empty:
                break
            case .atom(let inst):
                code.append(inst)
            case .concat(let items):
                for item in items { try emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = code.count
                        code.append(.split(split + 1, -1))
                        try emit(branch)
                        jumps.append(code.count)
                        code.append(.jump(-1))
                        code[split] = .split(split + 1, code.count)
                    } else {
                        try emit(branch)
                    }
                }
                for j in jumps { code[j] = .jump(code.count) }
            case .repeated(let inner, let lo, let hi):
                for _ in 0..<lo { try emit(inner) }
                if let hi {
                    // Optional copies: x? x? ... nested so that each one is tried in turn.
                    var splits: [Int] = []
                    for _ in lo..<hi {
                        splits.append(code.count)
                        code.append(.split(code.count + 1, -1))
                        try emit(inner)
                    }
                    for s in splits { code[s] = .split(s + 1, code.count) }
                } else {
                    // x*: L: split(body, out); body; jump L
                    let loop = code.count
                    code.append(.split(loop + 1, -1))
                    let bodyStart = code.count
                    try emit(inner)
                    if code.count == bodyStart {
                        // Nothing to repeat (an empty group): drop the loop.
                        code.removeLast()
                        return
                    }
                    code.append(.jump(loop))
                    code[loop] = .split(loop + 1, code.count)
                }
            }
            try check()
        }
    }
}
