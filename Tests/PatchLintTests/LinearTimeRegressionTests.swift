import Foundation
import Testing
@testable import PatchLint

/// Hand-written replacements for checks that were quadratic on long untrusted lines
/// (a 200 kB `x+x+...` line took minutes in LONG_LINE's URL exemption; 20,000 `if(`
/// in one line took 40 s in SPACING's fix): same answers as the originals.
@Suite("Linear-time checks")
struct LinearTimeRegressionTests {
    @Test("the URL exemption answers like checkpatch's regex", arguments: [
        "see https://lore.kernel.org/kvm/x", "HTTP://X", "ftp://a", "a.b+c-d://x", "x://",
        "x:// y", "1http://x", "_x://y", "://x", "foo bar", "a+b://c", "(git://x)", "é-http://x",
        String(repeating: "x+", count: 3000) + "1", String(repeating: "x+", count: 300) + "://z",
    ])
    func url(text: String) throws {
        let regex = try NSRegularExpression(pattern: #"\b[a-z][\w.+\-]*://\S+"#, options: [.caseInsensitive])
        let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        #expect(LongLineKind.containsURL(text) == expected, "\(text.prefix(40))")
    }

    @Test("SPACING's keyword fix handles thousands of keywords on one line")
    func manyKeywords() {
        let code = String(repeating: "if(a)", count: 2000) + " /* if(b) */"
        let (series, _) = RuleExampleRunner.series(for: RuleExample(code))
        let diagnostics = ReviewEngine(rules: [SpacingRule.self]).review(series)
        let plan = FixPlan(diagnostics)
        let fixed = plan.changes.values.first?.values.first?[1]?.fixed
        #expect(fixed == String(repeating: "if (a)", count: 2000) + " /* if(b) */")
    }
}
