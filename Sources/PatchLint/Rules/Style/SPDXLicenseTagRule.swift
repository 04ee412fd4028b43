/// SPDX_LICENSE_TAG — checkpatch's WARNING of the same name.
public struct SPDXLicenseTagRule: StyleLineRule {
    public init() {}
    /// The tag line is checked in every file type; the misplaced-tag check only in sources.
    public static let fileExtensions: Set<String>? = nil

    public static let description = RuleDescription(
        id: "SPDX_LICENSE_TAG",
        severity: .warning,
        scope: .line,
        summary: "Missing, malformed, misplaced or wrongly commented SPDX-License-Identifier line",
        rationale: """
            Every file carries its license as an SPDX-License-Identifier on the first line \
            (the second for scripts starting with #!), in the comment style of the file type: \
            `// ` in .c, `/* */` in .h and assembly (headers are included by tools that do \
            not know C99 comments), `# ` in scripts \
            (Documentation/process/license-rules.rst). Checked when the patch adds that line.
            """,
        fix: "Put `<comment> SPDX-License-Identifier: <license>` on line 1 (2 after #!).",
        triggeringExamples: [
            RuleExample("↓#include <linux/kvm_host.h>"),
            RuleExample("↓// SPDX-License-Identifier: GPL-2.0", path: "arch/x86/kvm/mmu/tdp_mmu.h"),
            RuleExample("↓/* SPDX-License-Identifier: GPL-2.0 */"),
            RuleExample("""
                #!/bin/sh
                ↓set -e
                """, path: "tools/testing/selftests/kvm/run.sh"),
        ],
        nonTriggeringExamples: [
            RuleExample("""
                // SPDX-License-Identifier: GPL-2.0-only
                #include <linux/kvm_host.h>
                """),
            RuleExample("/* SPDX-License-Identifier: GPL-2.0 */", path: "arch/x86/kvm/mmu/tdp_mmu.h"),
            RuleExample("""
                #!/bin/sh
                # SPDX-License-Identifier: GPL-2.0
                """, path: "tools/testing/selftests/kvm/run.sh"),
            RuleExample(diff: """
                 int a;
                +int b;
                """, startLine: 1),
            RuleExample("Some text", path: "README"),
        ])

    static let shebang = StyleRegex(#"^\s*#!\s*/"#)
    static let tagAnywhere = StyleRegex(#"\bSPDX-License-Identifier:"#)

    /// The comment leader checkpatch expects for a file type; nil when it has none.
    static func commentLeader(path: String, isScript: Bool) -> String? {
        switch StyleFileTypes.fileExtension(of: path) {
        case "h", "s", "S": return "/*"
        case "c", "rs", "dts", "dtsi": return "//"
        case "sh", "pl", "py", "awk", "tc", "yaml": return "#"
        case "rst": return isScript ? "#" : ".."
        default: return isScript ? "#" : nil
        }
    }

    public func check(_ line: StyleLine, context: ReviewContext, into findings: inout Findings) {
        let raw = line.raw
        // Which line has to carry the tag: 1, or 2 when line 1 is a #! line.
        var tagLine = 1
        if line.number == 1 {
            if Self.shebang.matches(raw) { return }  // the tag belongs on line 2
        } else if line.number == 2, let prev = line.previous, Self.shebang.matches(prev.raw) {
            tagLine = 2
        }
        if line.number == tagLine {
            let ext = StyleFileTypes.fileExtension(of: line.path)
            guard let leader = Self.commentLeader(path: line.path, isScript: tagLine == 2) else { return }
            if ["c", "h", "s", "S"].contains(ext), raw.contains("SPDX-License-Identifier:"),
               !raw.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(leader) {
                findings.report(Self.description, at: line,
                                "Improper SPDX comment style for '\(line.path)', please use '\(leader)' instead")
                return
            }
            if !raw.hasPrefix(leader + " SPDX-License-Identifier: ") {
                findings.report(Self.description, at: line,
                                "Missing or malformed SPDX-License-Identifier tag in line \(tagLine)")
            }
            return
        }
        // A tag inside a comment elsewhere in a source file (on a plain line, a byte
        // search rules out nearly every line first).
        if let plain = line.plainRaw, !plain.contains("SPDX-License-Identifier:") { return }
        guard StyleFileTypes.source.contains(line.fileExtension),
              let r = raw.range(of: "SPDX-License-Identifier:"),
              Self.tagAnywhere.matches(raw) else { return }
        let start = raw.distance(from: raw.startIndex, to: r.lowerBound)
        let sanitized = Array(line.sanitized)
        let span = start..<(start + "SPDX-License-Identifier:".count)
        guard span.upperBound <= sanitized.count,
              span.allSatisfy({ sanitized[$0] == KernelSanitizer.commentMark }) else { return }
        findings.report(Self.description, at: line,
                        "Misplaced SPDX-License-Identifier tag - use line \(tagLine) instead")
    }
}
