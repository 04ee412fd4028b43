import FuzzSupport
import PatchLint

// The C lexer and what is built on it (statement splitter, call finder, CodeView,
// CodeScrubber) on arbitrary bytes, decoded as UTF-8 lossily and split into lines the way
// a hunk's side reaches the rules (the lexer carries comment and directive state across
// lines). Besides "no crash" it checks what the lexer's documentation promises.
FuzzDriver.run { bytes in
    let lines = String(decoding: bytes, as: UTF8.self)
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let lineBytes = lines.map { Array($0.utf8) }

    // 1. Every token is the exact bytes at its position, tokens are in order and never
    //    overlap, and what lies between them is only blanks or a line continuation.
    let all = CLexer.tokenize(lines, keepComments: true)
    var line = 0, end = 0
    for token in all {
        precondition(token.line >= 0 && token.line < lines.count, "token on a line that does not exist")
        let text = Array(token.text.utf8)
        let row = lineBytes[token.line]
        precondition(token.column >= 0 && token.column + text.count <= row.count, "token outside its line")
        precondition(Array(row[token.column..<(token.column + text.count)]) == text, "token text is not the input's bytes")
        precondition(token.kind == .comment || !text.isEmpty, "empty token")
        if token.line != line {
            precondition(token.line > line, "tokens out of line order")
            checkGap(lineBytes[line], from: end, to: lineBytes[line].count)
            for skipped in (line + 1)..<token.line { checkGap(lineBytes[skipped], from: 0, to: lineBytes[skipped].count) }
            line = token.line
            end = 0
        }
        precondition(token.column >= end, "overlapping tokens")
        checkGap(row, from: end, to: token.column)
        end = token.column + text.count
        checkKind(token)
    }
    if !lines.isEmpty {
        checkGap(lineBytes[line], from: end, to: lineBytes[line].count)
        for skipped in (line + 1)..<lines.count { checkGap(lineBytes[skipped], from: 0, to: lineBytes[skipped].count) }
    }

    // 2. Dropping comments is the only difference `keepComments` makes, and the lexer is
    //    a stream: the tokens of the first k lines are a prefix of the tokens of all.
    let tokens = CLexer.tokenize(lines)
    precondition(tokens == all.filter { $0.kind != .comment }, "keepComments changes more than comments")
    let k = lines.count / 2
    let prefix = CLexer.tokenize(Array(lines[..<k]))
    precondition(Array(tokens.prefix(prefix.count)) == prefix && tokens.dropFirst(prefix.count).allSatisfy { $0.line >= k },
                 "lexing a prefix of the lines differs from the prefix of the tokens")

    // 3. Statements partition the tokens: contiguous, non-empty, in order, covering all.
    //    The first line doubles as a section heading, as git prints one.
    let heading = lines.first ?? ""
    for initial in [[], CStatementSplitter.scopes(fromSectionHeading: heading)] {
        let statements = CStatementSplitter.split(tokens, initialScopes: initial)
        var next = 0
        for statement in statements {
            precondition(statement.range.lowerBound == next && !statement.range.isEmpty, "statements do not partition the tokens")
            precondition(statement.depth >= 0 && statement.named.allSatisfy { $0.depth >= 0 && $0.depth < statement.depth },
                         "a named scope deeper than the statement")
            next = statement.range.upperBound
            _ = (statement.function, statement.aggregate)
            checkCalls(tokens, in: statement.range)
            for a in CExpressions.assignments(in: tokens, range: statement.range) {
                precondition(statement.range.contains(a.target) && a.lhs.lowerBound >= statement.range.lowerBound
                             && a.rhs.upperBound <= statement.range.upperBound, "assignment outside its statement")
            // The one-pass expression ends agree with expressionEnd (quadratic: small inputs).
            if statement.range.count <= 400, !a.rhs.isEmpty || !["++", "--"].contains(a.op) {
                precondition(a.rhs.upperBound == CExpressions.expressionEnd(tokens, from: a.rhs.lowerBound, limit: statement.range.upperBound),
                             "an assignment's right-hand side does not end where expressionEnd says")
            }
            }
        }
        precondition(next == tokens.count, "statements do not cover the tokens")
    }
    checkCalls(tokens, in: nil)

    // 4. A hunk made of these lines (marker from the first byte, as in a diff) through
    //    CodeView, both sides, and the scrubber on every line.
    let body: [(DiffLine.Kind, String)] = lines.map { text in
        switch text.utf8.first {
        case UInt8(ascii: "+"): return (.added, String(text.dropFirst()))
        case UInt8(ascii: "-"): return (.removed, String(text.dropFirst()))
        default: return (.context, text)
        }
    }
    let hunk = Hunk(oldStart: 1, newStart: 1, section: heading, body: body)
    for side in [CodeView.Side.new, .old] {
        let view = CodeView(hunk: hunk, path: "fuzz.c", side: side)
        precondition(view.tokens.allSatisfy { $0.line < view.lines.count }, "a token beyond the view's lines")
        for statement in view.statements {
            if let line = view.reportLine(for: statement) { precondition(line.kind != .context, "report on a context line") }
            if let first = statement.range.first { _ = view.number(of: first) }
        }
    }
    for text in lines {
        precondition(CodeScrubber.scrub(text).count == text.count, "scrubbing changed the line's length")
    }
}

/// Between tokens only blanks, or a backslash that ends the line (continuation).
func checkGap(_ row: [UInt8], from: Int, to: Int) {
    var i = from
    while i < to {
        let c = row[i]
        if c == UInt8(ascii: "\\") {
            precondition(row[(i + 1)...].allSatisfy(isBlank), "a skipped backslash that does not end the line")
            return
        }
        precondition(isBlank(c), "skipped a byte that is not blank: \(c)")
        i += 1
    }
}

func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0C || c == 0x0B }

/// A token's first byte says its kind.
func checkKind(_ token: CToken) {
    guard let first = token.text.utf8.first else { return }
    switch token.kind {
    case .identifier:
        precondition(first >= 0x80 || first == UInt8(ascii: "_") || first == UInt8(ascii: "$")
                     || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z")), "identifier kind")
    case .number: precondition(first == UInt8(ascii: ".") || (first >= 0x30 && first <= 0x39), "number kind")
    case .string: precondition(first == UInt8(ascii: "\""), "string kind")
    case .char: precondition(first == UInt8(ascii: "'"), "char kind")
    case .punct: precondition(first < 0x80 && token.text.utf8.count <= 3, "punct kind")
    case .comment: break
    }
}

/// Calls: name, `(` right after it, arguments inside the parentheses, in order, disjoint.
func checkCalls(_ tokens: [CToken], in range: Range<Int>?) {
    let limit = range?.upperBound ?? tokens.count
    let calls = CCallFinder.calls(in: tokens, range: range)
    // The one-pass finder agrees with finding each call on its own (quadratic: small inputs).
    if limit - (range?.lowerBound ?? 0) <= 400 {
        let names = (range ?? tokens.indices).filter {
            tokens[$0].kind == .identifier && $0 + 1 < limit && tokens[$0 + 1].isPunct("(")
                && !CKeywords.control.contains(tokens[$0].text)
        }
        precondition(calls == names.map { CCallFinder.call(named: $0, in: tokens, limit: limit) },
                     "calls(in:) differs from call(named:) name by name")
    }
    for call in calls {
        precondition(call.openIndex == call.nameIndex + 1 && tokens[call.openIndex].isPunct("("), "call without its '('")
        precondition(call.closeIndex > call.openIndex && call.closeIndex <= limit, "call closes outside its range")
        var previous = call.openIndex + 1
        for argument in call.arguments {
            precondition(argument.lowerBound >= previous && argument.upperBound <= call.closeIndex, "argument outside the call")
            previous = argument.upperBound
            // Joining is linear per argument; nested calls share their tail, so only short
            // ones are joined to keep the harness itself from being quadratic.
            if argument.count <= 64 { _ = CCallFinder.text(of: argument, in: tokens) }
        }
    }
}
