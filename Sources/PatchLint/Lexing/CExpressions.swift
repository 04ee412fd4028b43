/// Small syntactic questions about C expressions in a token array: is this name a
/// member access, where does an access chain start, which assignments does a
/// statement make.
public enum CExpressions {
    /// An assignment `target = value` (or a compound one, `|=`, `+=`, ...) or an
    /// increment, found inside a statement.
    public struct Assignment: Sendable, Hashable {
        /// Index of the assigned name: the last identifier of the left-hand access chain
        /// (`kvm->arch.pure_direct_mmu` -> `pure_direct_mmu`, `roots[i]` -> `roots`).
        public var target: Int
        /// True when the target is reached through `.` or `->`.
        public var isMember: Bool
        public var op: String
        public var lhs: Range<Int>
        /// Empty for `++` and `--`.
        public var rhs: Range<Int>
    }

    public static let assignmentOperators: Set<String> = [
        "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
    ]

    /// True when the identifier at `i` follows `.` or `->`.
    public static func isMemberAccess(_ tokens: [CToken], _ i: Int) -> Bool {
        i > 0 && (tokens[i - 1].isPunct(".") || tokens[i - 1].isPunct("->"))
    }

    /// Index of the first token of the postfix access chain ending at `end`
    /// (`vcpu->kvm->arch.x[i]`), never before `lowerBound`.
    public static func chainStart(_ tokens: [CToken], endingAt end: Int, lowerBound: Int) -> Int {
        var i = end
        while i > lowerBound {
            let t = tokens[i]
            if t.isPunct("]") || t.isPunct(")") {
                // Skip back over a subscript or a call's arguments.
                var depth = 0
                var j = i
                while j >= lowerBound {
                    if tokens[j].isPunct("]") || tokens[j].isPunct(")") { depth += 1 }
                    if tokens[j].isPunct("[") || tokens[j].isPunct("(") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    j -= 1
                }
                guard j > lowerBound, tokens[j - 1].kind == .identifier || tokens[j - 1].isPunct("]")
                        || tokens[j - 1].isPunct(")") else { return max(j, lowerBound) }
                i = j - 1
                continue
            }
            if t.kind == .identifier, i - 1 >= lowerBound,
               tokens[i - 1].isPunct(".") || tokens[i - 1].isPunct("->") {
                i -= 2
                continue
            }
            break
        }
        return max(i, lowerBound)
    }

    /// Assignments and increments in `range`.
    public static func assignments(in tokens: [CToken], range: Range<Int>) -> [Assignment] {
        var result: [Assignment] = []
        // Most statements assign nothing: find the expression ends only when needed.
        var endsOfRange: ((Int) -> Int)?
        func ends(_ p: Int) -> Int {
            if endsOfRange == nil { endsOfRange = expressionEnds(tokens, range: range) }
            return endsOfRange!(p)
        }
        for i in range where tokens[i].kind == .punct {
            let op = tokens[i].text
            if assignmentOperators.contains(op) {
                guard i > range.lowerBound, let target = lastIdentifier(tokens, before: i, lowerBound: range.lowerBound)
                else { continue }
                let start = chainStart(tokens, endingAt: i - 1, lowerBound: range.lowerBound)
                result.append(Assignment(target: target, isMember: isMemberAccess(tokens, target), op: op,
                                         lhs: start..<i, rhs: (i + 1)..<ends(i + 1)))
            } else if op == "++" || op == "--" {
                // Postfix (name++) or prefix (++name).
                if i > range.lowerBound, let target = lastIdentifier(tokens, before: i, lowerBound: range.lowerBound),
                   tokens[i - 1].kind == .identifier || tokens[i - 1].isPunct("]") {
                    let start = chainStart(tokens, endingAt: i - 1, lowerBound: range.lowerBound)
                    result.append(Assignment(target: target, isMember: isMemberAccess(tokens, target),
                                             op: op, lhs: start..<i, rhs: i..<i))
                } else if i + 1 < range.upperBound, tokens[i + 1].kind == .identifier {
                    var end = i + 1
                    while end + 2 < range.upperBound, tokens[end + 1].isPunct(".") || tokens[end + 1].isPunct("->"),
                          tokens[end + 2].kind == .identifier { end += 2 }
                    result.append(Assignment(target: end, isMember: isMemberAccess(tokens, end), op: op,
                                             lhs: (i + 1)..<(end + 1), rhs: i..<i))
                }
            }
        }
        return result
    }

    /// The last identifier of the access chain that ends just before `index`,
    /// skipping trailing subscripts.
    static func lastIdentifier(_ tokens: [CToken], before index: Int, lowerBound: Int) -> Int? {
        var j = index - 1
        while j >= lowerBound, tokens[j].isPunct("]") {
            var depth = 0
            while j >= lowerBound {
                if tokens[j].isPunct("]") { depth += 1 }
                if tokens[j].isPunct("[") {
                    depth -= 1
                    if depth == 0 { break }
                }
                j -= 1
            }
            j -= 1
        }
        guard j >= lowerBound, tokens[j].kind == .identifier else { return nil }
        return j
    }

    /// `expressionEnd(tokens, from: p, limit: range.upperBound)` for every `p` in `range`,
    /// from one backward pass. Calling `expressionEnd` once per assignment was quadratic on
    /// chained assignments (`a = a = a = ...`: 8,000 took 20 s in a debug build; found by
    /// replaying a long hand-made input through FuzzCLexer). The expression from `p` ends
    /// at the first stop token (`,`, `;`, a closer) at or after `p` with the same bracket
    /// depth as `p`: the depth only drops through a closer at that depth, itself a stop.
    static func expressionEnds(_ tokens: [CToken], range: Range<Int>) -> (Int) -> Int {
        guard !range.isEmpty else { return { _ in range.upperBound } }
        // depth[k]: brackets open before token k, counted from range.lowerBound.
        var depth = [Int](repeating: 0, count: range.count + 1)
        for k in range {
            var d = depth[k - range.lowerBound]
            if tokens[k].kind == .punct {
                switch tokens[k].text {
                case "(", "[", "{": d += 1
                case ")", "]", "}": d -= 1
                default: break
                }
            }
            depth[k - range.lowerBound + 1] = d
        }
        // The nearest stop token seen so far at each depth (indexed from the lowest depth).
        let lowest = depth.min() ?? 0, highest = depth.max() ?? 0
        var nextStop = [Int](repeating: range.upperBound, count: highest - lowest + 1)
        var ends = [Int](repeating: range.upperBound, count: range.count + 1)
        for k in range.reversed() {
            let d = depth[k - range.lowerBound] - lowest
            if tokens[k].kind == .punct {
                switch tokens[k].text {
                case ",", ";", ")", "]", "}": nextStop[d] = k
                default: break
                }
            }
            ends[k - range.lowerBound] = nextStop[d]
        }
        return { p in ends[p - range.lowerBound] }
    }

    /// End (exclusive) of the expression starting at `from`: the first `,`, `;` or
    /// unbalanced closing bracket at depth 0.
    public static func expressionEnd(_ tokens: [CToken], from: Int, limit: Int) -> Int {
        var depth = 0
        var i = from
        while i < limit {
            let t = tokens[i]
            if t.kind == .punct {
                switch t.text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}":
                    if depth == 0 { return i }
                    depth -= 1
                case ",", ";":
                    if depth == 0 { return i }
                default: break
                }
            }
            i += 1
        }
        return limit
    }
}
