import Testing
@testable import PatchLint

/// The byte-level checks of the simpler style rules against the regexes and
/// Character code they stand in for, on generated plain lines.
@Suite("Style fast paths: line checks")
struct StyleFastPathLineTests {
    static let lines = StyleFastPathCorpus.lines(count: 4_000)
        + ["        x", "\t        x", " \tx", " \t", "\t \t", "  \t  \tfoo", "\t", "", "x \ty"]

    @Test("CODE_INDENT's leading whitespace test matches its two regexes")
    func codeIndent() {
        var hits = 0
        for line in Self.lines {
            guard let plain = PlainASCIILine(line) else { continue }
            let slow = (line.first == " " || line.first == "\t")
                && (CodeIndentRule.spaceThenTab.matches(line) || CodeIndentRule.eightSpaces.matches(line))
            #expect(CodeIndentRule.plainMisindented(plain) == slow, "\(line.debugDescription)")
            if slow { hits += 1 }
        }
        #expect(hits > 10)
    }

    @Test("LONG_LINE's plain display length counts like displayLength")
    func displayLength() {
        for line in Self.lines {
            guard let plain = PlainASCIILine(line) else { continue }
            #expect(LongLineKind.plainDisplayLength(plain) == KernelSanitizer.displayLength(line))
        }
    }

    @Test("the byte prefilters never skip a line the checks would report")
    func prefilters() {
        for line in Self.lines {
            guard let plain = PlainASCIILine(line) else { continue }
            if !plain.containsPair(0x20, 0x09) { #expect(!line.contains(" \t")) }
            if !plain.containsPair(0x5C, 0x6E) { #expect(!QuotedWhitespaceBeforeNewlineRule.pattern.matches(line)) }
            if !plain.contains("SPDX-License-Identifier:") { #expect(!SPDXLicenseTagRule.tagAnywhere.matches(line)) }
            if !(plain.contains("_ATTR") || plain.contains("module_param") || plain.contains("debugfs_create_")
                 || plain.contains("proc_create") || plain.contains("SENSOR_TEMPLATE")) {
                #expect(!ExportedWorldWritableRule.anyCreator.matches(line))
            }
        }
    }
}
