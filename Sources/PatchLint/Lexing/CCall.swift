/// A call (or function-like macro use) `name(arg, arg, ...)` found in a token array.
public struct CCall: Sendable, Hashable {
    public var name: String
    /// Index of the name token.
    public var nameIndex: Int
    /// Index of the `(` and of the matching `)` (or the end of the tokens when the
    /// call is cut off).
    public var openIndex: Int
    public var closeIndex: Int
    /// Token index ranges of the top-level arguments (split at commas at depth 0).
    public var arguments: [Range<Int>]

    public init(name: String, nameIndex: Int, openIndex: Int, closeIndex: Int,
                arguments: [Range<Int>]) {
        self.name = name
        self.nameIndex = nameIndex
        self.openIndex = openIndex
        self.closeIndex = closeIndex
        self.arguments = arguments
    }

    /// True when the closing parenthesis was seen.
    public func isComplete(in tokens: [CToken]) -> Bool {
        closeIndex < tokens.count && tokens[closeIndex].isPunct(")")
    }
}

public enum CCallFinder {
    /// Every call in `range` of `tokens`, outer calls before the calls in their
    /// arguments. Keywords that take parentheses (`if`, `sizeof`, ...) are not calls.
    ///
    /// One pass with a stack of the open brackets (and the call each `(` opens, if any);
    /// the result is what `call(named:in:limit:)` gives for each name. Calling that per
    /// name scanned every call to its end: quadratic when calls nest and never close
    /// (`f(f(f(...`: 2,000 of them took over 20 s under ASan; found by replaying a long
    /// hand-made input through FuzzCLexer).
    public static func calls(in tokens: [CToken], range: Range<Int>? = nil) -> [CCall] {
        let range = range ?? tokens.indices
        var result: [CCall] = []
        var argStarts: [Int] = []       // per call in `result`: where its current argument starts
        var open: [Int?] = []           // per open bracket: the index of its call in `result`
        for i in range where tokens[i].kind == .punct {
            switch tokens[i].text {
            case "(", "[", "{":
                if tokens[i].text == "(", i > range.lowerBound, tokens[i - 1].kind == .identifier,
                   !CKeywords.control.contains(tokens[i - 1].text) {
                    result.append(CCall(name: tokens[i - 1].text, nameIndex: i - 1, openIndex: i,
                                        closeIndex: range.upperBound, arguments: []))
                    argStarts.append(i + 1)
                    open.append(result.count - 1)
                } else {
                    open.append(nil)
                }
            case ")", "]", "}":
                // Any closer ends the innermost bracket, as call(named:) counts depth.
                if let top = open.popLast(), let c = top {
                    if i > argStarts[c] || !result[c].arguments.isEmpty { result[c].arguments.append(argStarts[c]..<i) }
                    result[c].closeIndex = i
                }
            case ",":
                if let top = open.last, let c = top {
                    result[c].arguments.append(argStarts[c]..<i)
                    argStarts[c] = i + 1
                }
            default:
                break
            }
        }
        // Calls cut off by the end of the range: their last argument runs to it.
        for case let c? in open where range.upperBound > argStarts[c] {
            result[c].arguments.append(argStarts[c]..<range.upperBound)
        }
        return result
    }

    /// The call whose name token is at `nameIndex` (the next token must be `(`).
    public static func call(named nameIndex: Int, in tokens: [CToken], limit: Int? = nil) -> CCall {
        let limit = limit ?? tokens.count
        let open = nameIndex + 1
        var depth = 0
        var arguments: [Range<Int>] = []
        var argStart = open + 1
        var j = open
        while j < limit {
            let t = tokens[j]
            if t.kind == .punct {
                switch t.text {
                case "(", "[", "{":
                    depth += 1
                case ")", "]", "}":
                    depth -= 1
                    if depth == 0 {
                        if j > argStart || !arguments.isEmpty { arguments.append(argStart..<j) }
                        return CCall(name: tokens[nameIndex].text, nameIndex: nameIndex,
                                     openIndex: open, closeIndex: j, arguments: arguments)
                    }
                case "," where depth == 1:
                    arguments.append(argStart..<j)
                    argStart = j + 1
                default:
                    break
                }
            }
            j += 1
        }
        if limit > argStart { arguments.append(argStart..<limit) }
        return CCall(name: tokens[nameIndex].text, nameIndex: nameIndex, openIndex: open,
                     closeIndex: limit, arguments: arguments)
    }

    /// The argument's tokens joined with single spaces where the source had space,
    /// for messages and suggestions (`S_IRUGO | S_IWUSR`).
    public static func text(of range: Range<Int>, in tokens: [CToken]) -> String {
        var out = ""
        var previous: CToken?
        for t in tokens[range] {
            if let p = previous, p.line != t.line || p.column + p.text.utf8.count < t.column {
                out += " "
            }
            out += t.text
            previous = t
        }
        return out
    }
}
