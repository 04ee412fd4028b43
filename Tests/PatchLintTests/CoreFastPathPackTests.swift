import Testing
@testable import PatchLint

/// A small deterministic generator, so the differential tests see the same inputs on
/// every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random strings built from `pieces` (which may be multi-byte or multi-scalar).
func randomStrings(_ pieces: [String], count: Int, maxLength: Int, seed: UInt64) -> [String] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in
        let n = Int.random(in: 0...maxLength, using: &rng)
        return (0..<n).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }
}

@Suite("Core fast paths: rule-pack globs and patterns")
struct CoreFastPathPackTests {
    static let globs = ["*.c", "*.h", "arch/x86/kvm/*.c", "arch/**/mmu.c", "**/*.h", "tools/", "/virt/kvm/*",
                        "kvm_[a-m]*.c", "kvm_[!a-m]*.c", "include/linux/kvm?host.h", "Makefile", "*", "**",
                        "a*b*c", "[]a]*", "[a-", "*.[ch]", "é*.c", "*[é-ü]", "a/**", "**/b/**/c", "?"]

    @Test("the byte glob matcher agrees with the Character matcher")
    func globsAgree() {
        let paths = ["arch/x86/kvm/x86.c", "arch/x86/kvm/mmu/mmu.c", "include/linux/kvm_host.h", "virt/kvm/kvm_main.c",
                     "tools/testing/selftests/kvm/x86/a.c", "Makefile", "a.c", ".c", "c", "", "/", "a/b/c", "a/x/b/y/c",
                     "dir/é.c", "é.c", "x/ü", "a.c\u{301}", "\u{0600}.c", "x\r\n.c", "x\r.c", "kvm_z.c", "]abc"]
        let random = randomStrings(["a", "b", "c", ".", "/", "*", "é", "\r", "\n", "\u{301}", "k", "h"],
                                   count: 400, maxLength: 12, seed: 7)
        for pattern in Self.globs + randomStrings(["a", "b", "*", "**", "/", "?", "[a-c]", "[!b]", "."],
                                                  count: 150, maxLength: 6, seed: 11) {
            let glob = PathGlob(pattern)
            for path in paths + random {
                #expect(glob.matches(path) == glob.matchesByCharacters(path), "\(pattern) on \(path.debugDescription)")
            }
        }
    }

    @Test("a glob's matches do not depend on a path ending in a combining mark or a prepend")
    func globsOnGraphemeEdgeCases() {
        // Cases where bytes and Characters disagree: these take the Character path.
        #expect(!PathGlob("*.c").matches("a.c\u{301}"))
        #expect(PathGlob("*.c").matches("\u{0600}.c") == PathGlob("*.c").matchesByCharacters("\u{0600}.c"))
        #expect(PathGlob("x?.c").matches("x\r\n.c"))
        #expect(!PathGlob("x??.c").matches("x\r\n.c"))
    }

    @Test("required literals are found in the shipped patterns' shape")
    func requiredLiterals() throws {
        let cases: [(String, String)] = [
            (#"\b(?:simple|strict)_strto(?:l|ll|ul|ull)\s*\("#, "_strto"),
            (#"\bprintk\s*\(\s*KERN_(?:EMERG|ALERT)\b"#, "printk"),
            (#"\bmsleep\s*\(1?\d\);"#, "msleep"),
            (#"\bvolatile\b"#, "volatile"),
            (#"a|bc"#, ""), (#"x*"#, ""), (#"(?:abc)+d"#, "abc"), (#"x{2,3}y"#, "x"), (#"é+"#, "é"),
        ]
        for (pattern, literal) in cases {
            #expect(try BoundedPattern(pattern).requiredLiteral == Array(literal.utf8), "\(pattern)")
        }
        #expect(try BoundedPattern("FOO", caseInsensitive: true).requiredLiteral == Array("foo".utf8))
    }

    @Test("the literal search agrees with a naive search, folded or not")
    func literalSearch() {
        let hay = randomStrings(["a", "b", "A", "B", "ab", "é"], count: 600, maxLength: 12, seed: 43)
        let needles = ["a", "ab", "ba", "abab", "b", "bb", "é", "aé"]
        for h in hay {
            for n in needles {
                for folding in [false, true] {
                    let hb = Array(h.utf8), nb = Array(n.utf8)
                    let folded = folding ? hb.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } : hb
                    let naive = nb.count <= folded.count
                        && (0...(folded.count - nb.count)).contains { Array(folded[$0..<($0 + nb.count)]) == nb }
                    let fast = hb.withUnsafeBufferPointer { x in
                        nb.withUnsafeBufferPointer { y in BoundedPattern.contains(x, y, folding: folding) }
                    }
                    #expect(fast == naive, "\(h) \(n) \(folding)")
                }
            }
        }
    }

    @Test("the literal prefilter never rejects a line the VM matches")
    func prefilterIsSound() throws {
        let patterns = [#"\bstrcpy\s*\("#, #"\bvolatile\b"#, #"ab+c"#, #"(?:ab)+c$"#, #"x{2,3}y"#, #"a.c"#, #"é+b"#,
                        #"^\s*#\s*define"#]
        let texts = randomStrings(["a", "b", "c", "x", "y", " ", "\t", "(", "é", "strcpy", "volatile", "#",
                                   "define", "\"", "/*", "*/", "//", "'", "\\"],
                                  count: 1500, maxLength: 10, seed: 3)
        for p in patterns {
            for ci in [false, true] {
                let pattern = try BoundedPattern(p, caseInsensitive: ci)
                for t in texts + texts.map({ $0.uppercased() }) {
                    let vm = pattern.runProgram(on: t)
                    #expect(pattern.matches(t) == vm, "\(p) on \(t.debugDescription)")
                    if vm { #expect(pattern.mayMatch(t)) }
                    // PatternRule checks the raw line before scrubbing it.
                    let scrubbedMatch = pattern.runProgram(on: CodeScrubber.scrub(t))
                    if scrubbedMatch, !pattern.requiredLiteral.contains(0x20) {
                        #expect(pattern.mayMatch(t), "\(p) on \(t.debugDescription)")
                    }
                }
            }
        }
    }

    @Test("the shipped pack rules report the same lines with and without the prefilter")
    func packRulesUnchanged() throws {
        let rules = try RulePackLoader.load(directory: packageRulesDirectory)
        let lines = randomStrings(["\t", " ", "strcpy", "strncpy(", "(", ")", ";", "volatile", "asm ", "msleep(", "1",
                                   "9", "printk(", "KERN_ERR", "simple_strtoul", "/*", "*/", "\"", "//", "x", "é"],
                                  count: 2000, maxLength: 8, seed: 5)
        for rule in rules {
            for text in lines {
                let hunk = [DiffLine(kind: .added, oldNumber: nil, newNumber: 1, text: text)]
                var findings = Findings(patchID: "p", patchIndex: 0, severityOverrides: [:])
                rule.check(LineContext(path: "arch/x86/kvm/x.c", hunkLines: hunk, index: 0), into: &findings)
                let scrubbed = rule.subject == .code ? CodeScrubber.scrub(text) : text
                let expected = rule.pattern.runProgram(on: scrubbed) && !(rule.unless?.runProgram(on: scrubbed) ?? false)
                #expect(!findings.diagnostics.isEmpty == expected, "\(rule.description.id) on \(text.debugDescription)")
            }
        }
    }
}
