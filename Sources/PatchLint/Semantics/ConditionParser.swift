/// Parses the first argument of BUG_ON/WARN_ON-style macros: identifiers, member chains,
/// calls, `!`, `&&`, `||`, comparisons, `&`, `|`, integer literals, parentheses. Operator
/// precedence is C's (relational > equality > `&` > `|` > `&&` > `||`). Everything else
/// (arithmetic, `?:`, casts, subscripts, strings, `^`, `~`, assignments) fails with the
/// construct named, so that the condition is reported as unknown, never guessed.
public enum ConditionParser {
    public static func parse(_ text: String) -> Result<ConditionExpression, ConditionParseFailure> {
        do {
            var parser = Parser(tokens: try tokenize(text))
            guard !parser.tokens.isEmpty else { throw ConditionParseFailure("empty condition") }
            let expression = try parser.logicalOr()
            if let extra = parser.peek { throw ConditionParseFailure("unexpected '\(extra.text)'") }
            return .success(expression)
        } catch let failure as ConditionParseFailure {
            return .failure(failure)
        } catch {
            return .failure(ConditionParseFailure("\(error)"))
        }
    }

    struct Token: Equatable {
        enum Kind { case identifier, integer, punct }
        var kind: Kind
        var text: String
        var value: Int = 0
    }

    static let punctuators = ["->", "&&", "||", "==", "!=", "<=", ">=", "<<", ">>",
                              "(", ")", ",", ".", "!", "<", ">", "&", "|"]

    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        func isIdentStart(_ c: Unicode.Scalar) -> Bool { c == "_" || (c.isASCII && c.properties.isAlphabetic) }
        func isIdent(_ c: Unicode.Scalar) -> Bool { isIdentStart(c) || ("0"..."9").contains(c) }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\\" { i += 1; continue }
            if isIdentStart(c) {
                var j = i
                while j < chars.count, isIdent(chars[j]) { j += 1 }
                tokens.append(Token(kind: .identifier, text: String(String.UnicodeScalarView(chars[i..<j]))))
                i = j
                continue
            }
            if ("0"..."9").contains(c) {
                var j = i
                while j < chars.count, isIdent(chars[j]) { j += 1 }
                let literal = String(String.UnicodeScalarView(chars[i..<j]))
                guard let value = integerValue(literal) else { throw ConditionParseFailure("unsupported number '\(literal)'") }
                tokens.append(Token(kind: .integer, text: literal, value: value))
                i = j
                continue
            }
            let rest = String(String.UnicodeScalarView(chars[i..<min(i + 2, chars.count)]))
            if let p = punctuators.first(where: { rest.hasPrefix($0) }) {
                if p == "<<" || p == ">>" { throw ConditionParseFailure("shift '\(p)' is not supported") }
                tokens.append(Token(kind: .punct, text: p))
                i += p.unicodeScalars.count
                continue
            }
            switch c {
            case "\"", "'": throw ConditionParseFailure("string or character literal")
            case "?": throw ConditionParseFailure("conditional operator '?:' is not supported")
            case "[": throw ConditionParseFailure("array subscript is not supported")
            case "=": throw ConditionParseFailure("assignment in a condition")
            default: throw ConditionParseFailure("operator '\(c)' is not supported")
            }
        }
        return tokens
    }

    /// Decimal, octal and hex literals with u/l suffixes.
    static func integerValue(_ literal: String) -> Int? {
        var body = Substring(literal.lowercased())
        while let last = body.last, last == "u" || last == "l" { body.removeLast() }
        if body.hasPrefix("0x") { return Int(body.dropFirst(2), radix: 16) }
        if body.count > 1, body.hasPrefix("0") { return Int(body.dropFirst(), radix: 8) }
        return Int(body)
    }

    /// Deeper nesting than any real condition; bounds the recursion on hostile input.
    static let maxNesting = 64

    /// More binary operators than any real condition. Operator chains are parsed in a loop
    /// but build a left-deep tree (`a && b && c` is `(a && b) && c`), and everything that
    /// walks the tree afterwards (`text`, the binder, `==`, freeing it) recurses once per
    /// operator: a 20,000-operand chain overflowed the stack (a long input replayed through
    /// FuzzConditionParser, docs/fuzzing.md). With this bound the tree is at most maxOperators + maxNesting deep.
    static let maxOperators = 256

    struct Parser {
        var tokens: [Token]
        var position = 0
        var nesting = 0
        var operators = 0

        mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= ConditionParser.maxNesting else {
                throw ConditionParseFailure("nested deeper than \(ConditionParser.maxNesting) levels")
            }
            return try body(&self)
        }

        var peek: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func accept(_ punct: String) -> Bool {
            if let t = peek, t.kind == .punct, t.text == punct { position += 1; return true }
            return false
        }

        mutating func expect(_ punct: String) throws {
            guard accept(punct) else { throw ConditionParseFailure("expected '\(punct)'" + (peek.map { " before '\($0.text)'" } ?? " at the end")) }
        }

        mutating func binaryLevel(_ ops: [ConditionExpression.BinaryOperator],
                                  next: (inout Parser) throws -> ConditionExpression) throws -> ConditionExpression {
            var left = try next(&self)
            while let t = peek, t.kind == .punct, let op = ops.first(where: { $0.rawValue == t.text }) {
                position += 1
                operators += 1
                guard operators <= ConditionParser.maxOperators else {
                    throw ConditionParseFailure("more than \(ConditionParser.maxOperators) operators")
                }
                left = .binary(op, left, try next(&self))
            }
            return left
        }

        mutating func logicalOr() throws -> ConditionExpression { try binaryLevel([.logicalOr]) { try $0.logicalAnd() } }
        mutating func logicalAnd() throws -> ConditionExpression { try binaryLevel([.logicalAnd]) { try $0.bitOr() } }
        mutating func bitOr() throws -> ConditionExpression { try binaryLevel([.bitOr]) { try $0.bitAnd() } }
        mutating func bitAnd() throws -> ConditionExpression { try binaryLevel([.bitAnd]) { try $0.equality() } }
        mutating func equality() throws -> ConditionExpression { try binaryLevel([.equal, .notEqual]) { try $0.relational() } }
        mutating func relational() throws -> ConditionExpression {
            try binaryLevel([.lessOrEqual, .greaterOrEqual, .less, .greater]) { try $0.unary() }
        }

        mutating func unary() throws -> ConditionExpression {
            if accept("!") { return .not(try nested { try $0.unary() }) }
            if let t = peek, t.kind == .punct, t.text == "&" { throw ConditionParseFailure("address-of '&' is not supported") }
            return try postfix()
        }

        mutating func postfix() throws -> ConditionExpression {
            guard let t = peek else { throw ConditionParseFailure("condition ends early") }
            position += 1
            switch t.kind {
            case .integer:
                return .integer(t.value)
            case .identifier:
                if accept("(") {
                    var args: [ConditionExpression] = []
                    if !accept(")") {
                        repeat { args.append(try nested { try $0.logicalOr() }) } while accept(",")
                        try expect(")")
                    }
                    if let n = peek, n.kind == .punct, n.text == "->" || n.text == "." {
                        throw ConditionParseFailure("member access on a call result is not supported")
                    }
                    return .call(t.text, args)
                }
                var path = [t.text]
                while accept("->") || accept(".") {
                    guard let name = peek, name.kind == .identifier else { throw ConditionParseFailure("expected a member name") }
                    position += 1
                    path.append(name.text)
                }
                if let n = peek, n.kind == .punct, n.text == "(" , path.count > 1 {
                    throw ConditionParseFailure("call through a function pointer is not supported")
                }
                return path.count == 1 ? .identifier(t.text) : .member(path)
            case .punct:
                if t.text == "(" {
                    if let n = peek, n.kind == .identifier, position + 1 < tokens.count,
                       tokens[position + 1].text == ")", position + 2 < tokens.count,
                       tokens[position + 2].kind != .punct || tokens[position + 2].text == "(" || tokens[position + 2].text == "!" {
                        throw ConditionParseFailure("cast '(\(n.text))' is not supported")
                    }
                    let inner = try nested { try $0.logicalOr() }
                    try expect(")")
                    // `(kvm)->arch.x`, as macro bodies write it.
                    if case .identifier(let name) = inner, let n = peek, n.kind == .punct, n.text == "->" || n.text == "." {
                        var path = [name]
                        while accept("->") || accept(".") {
                            guard let member = peek, member.kind == .identifier else { throw ConditionParseFailure("expected a member name") }
                            position += 1
                            path.append(member.text)
                        }
                        return .member(path)
                    }
                    return inner
                }
                throw ConditionParseFailure("unexpected '\(t.text)'")
            }
        }
    }
}
