import Foundation
import Testing
@testable import PatchLint

@Suite("Mail series reader")
struct MailSeriesTests {
    private func read(_ text: String, name: String = "test.mbox") throws -> Series {
        try MailInput.readSeries(bytes: Array(text.utf8), sourceName: name)
    }

    /// A v2 series as `git format-patch --cover-letter --stdout` writes it, with the patches
    /// out of order and a reply quoting patch 1 in between.
    static let series = """
    From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
    Message-Id: <cover.1735732800@example.org>
    From: Sean Example <sean@example.org>
    Date: Wed, 1 Jan 2025 12:00:00 +0000
    Subject: [PATCH v2 0/2] KVM: x86/mmu: An example series

    This series does two things.

    Sean Example (2):
      KVM: x86/mmu: First
      KVM: x86/mmu: Second

     arch/x86/kvm/mmu.c | 2 ++
     1 file changed, 2 insertions(+)

    Interdiff against v1:
    diff --git a/arch/x86/kvm/mmu.c b/arch/x86/kvm/mmu.c
    --- a/arch/x86/kvm/mmu.c
    +++ b/arch/x86/kvm/mmu.c
    @@ -20,2 +20,3 @@ void g(void)
     x
    +y
     z
    --\u{20}
    2.39.5

    From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001
    Message-Id: <second.1735732800@example.org>
    From: Sean Example <sean@example.org>
    Date: Wed, 1 Jan 2025 12:00:02 +0000
    Subject: [PATCH v2 2/2] KVM: x86/mmu: Second

    From: Other Author <other@example.org>
    Date: Tue, 31 Dec 2024 08:00:00 +0100

    Body of the second patch.

    Signed-off-by: Other Author <other@example.org>
    Signed-off-by: Sean Example <sean@example.org>
    ---
    Changes in v2:
     - reworded
     arch/x86/kvm/mmu.c | 1 +
     1 file changed, 1 insertion(+)

    diff --git a/arch/x86/kvm/mmu.c b/arch/x86/kvm/mmu.c
    index 1111111..2222222 100644
    --- a/arch/x86/kvm/mmu.c
    +++ b/arch/x86/kvm/mmu.c
    @@ -20,2 +20,3 @@ void g(void)
     x
    +y
     z
    --\u{20}
    2.39.5

    From mboxrd@z Thu Jan  1 00:00:00 1970
    Message-Id: <reply@example.org>
    From: Reviewer <rev@example.org>
    Subject: Re: [PATCH v2 1/2] KVM: x86/mmu: First

    On Wed, Jan 01, 2025, Sean Example wrote:
    > diff --git a/arch/x86/kvm/mmu.c b/arch/x86/kvm/mmu.c
    > --- a/arch/x86/kvm/mmu.c
    > +++ b/arch/x86/kvm/mmu.c
    > @@ -10,2 +10,3 @@
    > +b

    Looks good.

    From 3333333333333333333333333333333333333333 Mon Sep 17 00:00:00 2001
    From: Sean Example <sean@example.org>
    Date: Wed, 1 Jan 2025 12:00:01 +0000
    Subject: [PATCH v2 1/2] KVM: x86/mmu: First

    Body of the first patch,
    >From a line that was escaped.

    Reviewed-by: Reviewer <rev@example.org>
    Signed-off-by: Sean Example <sean@example.org>
    ---
     arch/x86/kvm/mmu.c | 1 +
     1 file changed, 1 insertion(+)

    diff --git a/arch/x86/kvm/mmu.c b/arch/x86/kvm/mmu.c
    index 0000001..1111111 100644
    --- a/arch/x86/kvm/mmu.c
    +++ b/arch/x86/kvm/mmu.c
    @@ -10,2 +10,3 @@ void f(void)
     a
    +b
     c
    --\u{20}
    2.39.5


    """

    @Test("a format-patch series: order, numbering, cover letter, metadata, bodies, trailers")
    func series() throws {
        let series = try read(Self.series)
        try #require(series.patches.count == 2)
        let (first, second) = (series.patches[0], series.patches[1])
        #expect(first.subject == "KVM: x86/mmu: First" && second.subject == "KVM: x86/mmu: Second")
        #expect(first.index == 1 && second.index == 2 && first.total == 2 && second.total == 2)
        #expect(first.version == 2 && first.tags.isEmpty && first.origin == .mail)
        #expect(first.id == "no-message-id-4" && second.id == "second.1735732800@example.org")
        #expect(first.author == Person(name: "Sean Example", email: "sean@example.org"))
        #expect(first.date == Date(timeIntervalSince1970: 1_735_732_801))
        #expect(first.body == """
            Body of the first patch,
            From a line that was escaped.

            Reviewed-by: Reviewer <rev@example.org>
            Signed-off-by: Sean Example <sean@example.org>
            """)
        #expect(first.trailers.map(\.key) == ["Reviewed-by", "Signed-off-by"])
        #expect(first.files.count == 1 && first.files[0].path == "arch/x86/kvm/mmu.c")
        #expect(first.files[0].hunks[0].lines.map(\.text) == ["a", "b", "c"])
        // The in-body From: and Date: override the mail's; the diffstat and notes are gone.
        #expect(second.author == Person(name: "Other Author", email: "other@example.org"))
        #expect(second.date == Date(timeIntervalSince1970: 1_735_628_400))
        #expect(second.body == """
            Body of the second patch.

            Signed-off-by: Other Author <other@example.org>
            Signed-off-by: Sean Example <sean@example.org>
            """)
        #expect(second.trailers.count == 2)
        #expect(second.files[0].hunks[0].lines.last == DiffLine(kind: .context, oldNumber: 21, newNumber: 22, text: "z"))

        let cover = try #require(series.coverLetter)
        #expect(cover.subject == "KVM: x86/mmu: An example series" && cover.total == 2)
        #expect(cover.id == "cover.1735732800@example.org")
        #expect(cover.body.hasPrefix("This series does two things.") && !cover.body.contains("2.39.5"))
        #expect(series.notes == ["test.mbox: 1 mail without a patch skipped (replies, discussion, extra cover letters)"])
    }

    @Test("a CRLF mailbox reads the same as the LF one")
    func crlf() throws {
        let crlf = Self.series.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try read(crlf) == read(Self.series))
    }

    @Test("a raw email: quoted-printable body, ISO-8859-1 author, in-body Subject:, no --- separator")
    func rawMail() throws {
        let mail = """
        Return-Path: <clg@example.org>
        From: =?iso-8859-1?Q?C=E9dric?= Le Goater <clg@example.org>
        Subject: [PATCH] not the commit subject
        Message-ID: <raw-1@example.org>
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Subject: [PATCH] KVM: PPC: the real subject

        Caf=E9 fix, don=92t worry.

        Signed-off-by: C=E9dric Le Goater <clg@example.org>
        diff --git a/a.c b/a.c
        --- a/a.c
        +++ b/a.c
        @@ -1 +1 @@
        -old
        +new caf=E9 =3D=3D 1
        --=20
        Sent from a phone

        """
        let series = try read(mail, name: "raw.eml")
        try #require(series.patches.count == 1)
        let patch = series.patches[0]
        #expect(patch.subject == "KVM: PPC: the real subject")
        #expect(patch.author == Person(name: "Cédric Le Goater", email: "clg@example.org"))
        #expect(patch.id == "raw-1@example.org")
        #expect(patch.body == "Café fix, don\u{2019}t worry.\n\nSigned-off-by: Cédric Le Goater <clg@example.org>")
        #expect(patch.trailers == [Trailer(key: "Signed-off-by", value: "Cédric Le Goater <clg@example.org>")])
        #expect(patch.files[0].hunks[0].lines.map(\.text) == ["old", "new café == 1"])
        #expect(patch.index == 1 && patch.total == 1 && patch.version == 1)
    }

    @Test("a multipart mail with the patch as a text attachment")
    func attachment() throws {
        let mail = """
        From: A <a@example.org>
        Subject: [PATCH] KVM: attached
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        Please apply.

        Signed-off-by: A <a@example.org>
        --b1
        Content-Type: text/plain; charset=utf-8; name="0001-attached.patch"
        Content-Disposition: attachment; filename="0001-attached.patch"

        ---
         f.c | 2 +-
        diff --git a/f.c b/f.c
        --- a/f.c
        +++ b/f.c
        @@ -3 +3 @@
        -x
        +y
        --b1--

        """
        let patch = try #require(try read(mail).patches.first)
        #expect(patch.body == "Please apply.\n\nSigned-off-by: A <a@example.org>")
        #expect(patch.files.map(\.path) == ["f.c"])
        #expect(patch.files[0].hunks[0].lines.map(\.newNumber) == [nil, 3])
    }

    @Test("a signature before the diff is stripped from the message")
    func signatureWithoutSeparator() throws {
        let mail = "From: A <a@example.org>\nSubject: [PATCH] s\n\nbody\n--\u{20}\nA\ndiff --git a/f b/f\n"
            + "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n"
        #expect(try read(mail).patches.first?.body == "body")
    }

    @Test("patches without k/N are numbered in mailbox order")
    func untagged() throws {
        func mail(_ subject: String) -> String {
            "From x@y Mon Jan  6 10:00:00 2025\nFrom: A <a@example.org>\nSubject: \(subject)\n\n"
                + "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n\n"
        }
        let series = try read(mail("[PATCH] one") + mail("two"))
        #expect(series.patches.map(\.subject) == ["one", "two"])
        #expect(series.patches.map(\.index) == [1, 2] && series.patches.map(\.total) == [2, 2])
        #expect(series.coverLetter == nil)
    }

    @Test("a reply that only quotes a patch is no patch; no patch at all is an error")
    func noPatch() throws {
        let reply = """
        From: R <r@example.org>
        Subject: Re: [PATCH] KVM: x

        > diff --git a/f b/f
        > --- a/f
        > +++ b/f
        > @@ -1 +1 @@
        > -a
        > +b

        Nak.

        """
        let error = try #require(throws: InputError.self) { try read(reply, name: "reply.eml") }
        #expect(error.message == "reply.eml: no patch found (not an mbox, patch file or mail with a diff)")
        let empty = try #require(throws: InputError.self) { try read("", name: "empty") }
        #expect(empty.message == "empty: no patch found (not an mbox, patch file or mail with a diff)")
        #expect(throws: InputError.self) {
            try MailInput.readSeries(bytes: (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7919) }, sourceName: "noise")
        }
    }

    @Test("a reply carrying its own diff is skipped next to the series, read when it is alone")
    func replyWithDiff() throws {
        let suggestion = """
        From x@y Mon Jan  6 11:00:00 2025
        From: R <r@example.org>
        Subject: Re: [PATCH v2 1/2] KVM: x86/mmu: First

        Something like this (untested):

        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1 +1 @@
        -a
        +c

        """
        let series = try read(Self.series + suggestion)
        #expect(series.patches.map(\.subject) == ["KVM: x86/mmu: First", "KVM: x86/mmu: Second"])
        #expect(series.notes.contains("test.mbox: 1 reply carrying a diff skipped (review suggestions, not part of the series)"))
        let alone = try read(suggestion)
        #expect(alone.patches.count == 1 && alone.patches[0].subject == "KVM: x86/mmu: First")
        #expect(alone.patches[0].body == "Something like this (untested):")
    }

    @Test("a malformed single patch is an error naming the subject; in a mailbox it becomes a note")
    func malformed() throws {
        let bad = """
        From x@y Mon Jan  6 10:00:00 2025
        From: A <a@example.org>
        Subject: [PATCH 1/2] KVM: broken

        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1,5 +1,5 @@
        -a
        +b

        """
        let error = try #require(throws: InputError.self) { try read(bad, name: "bad.patch") }
        #expect(error.message == "bad.patch: mail \"[PATCH 1/2] KVM: broken\": diff line 4: "
                + "the diff ends inside hunk @@ -1,5 +1,5 @@ (4 old and 4 new lines missing)")
        let good = """
        From x@y Mon Jan  6 10:00:01 2025
        From: A <a@example.org>
        Subject: [PATCH 2/2] KVM: fine

        diff --git a/f b/f
        --- a/f
        +++ b/f
        @@ -1 +1 @@
        -a
        +b

        """
        let series = try read(bad + good, name: "two.mbox")
        #expect(series.patches.map(\.subject) == ["KVM: fine"])
        #expect(series.patches[0].index == 2 && series.patches[0].total == 2)
        #expect(series.notes.count == 1)
        #expect(series.notes[0].hasPrefix("skipped a malformed mail: two.mbox: mail \"[PATCH 1/2] KVM: broken\": diff line 4"))
    }

    @Test("a mailbox cut at every byte, or with bytes overwritten, reads or fails cleanly")
    func truncatedAndCorrupted() throws {
        let bytes = Array(Self.series.utf8)
        var outcomes = (read: 0, refused: 0)
        for end in stride(from: 0, through: bytes.count, by: 1) {
            do {
                let series = try MailInput.readSeries(bytes: Array(bytes[..<end]), sourceName: "cut")
                #expect(!series.patches.isEmpty)
                outcomes.read += 1
            } catch is InputError {
                outcomes.refused += 1
            }
        }
        // Both happen: early cuts leave no patch, cuts inside a hunk are refused or noted.
        #expect(outcomes.read > 0 && outcomes.refused > 0)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D  // fixed seed
        for _ in 0..<300 {
            var corrupted = bytes
            for _ in 0..<8 {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                corrupted[Int(state % UInt64(corrupted.count))] = UInt8(truncatingIfNeeded: state >> 40)
            }
            _ = try? MailInput.readSeries(bytes: corrupted, sourceName: "corrupted")
        }
    }

    @Test("a bare diff without mail headers is one patch without a message")
    func bareDiff() throws {
        let series = try read("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", name: "x.diff")
        #expect(series.patches.count == 1)
        #expect(series.patches[0].subject == "" && series.patches[0].files.map(\.path) == ["f"])
        #expect(series.notes == ["x.diff: a bare diff without mail headers: no commit message to check"])
    }

    @Test("several patch files form one series, ordered by k")
    func severalSources() throws {
        func file(_ k: Int) -> MailInput.Source {
            let text = "From \(String(repeating: "\(k)", count: 40)) Mon Sep 17 00:00:00 2001\n"
                + "From: A <a@example.org>\nSubject: [PATCH \(k)/2] p\(k)\n\n---\n"
                + "diff --git a/f\(k) b/f\(k)\n--- a/f\(k)\n+++ b/f\(k)\n@@ -1 +1 @@\n-a\n+b\n-- \n2.39.5\n\n"
            return MailInput.Source(name: "000\(k)-p.patch", bytes: Array(text.utf8))
        }
        let series = try MailInput.readSeries(sources: [file(2), file(1)])
        #expect(series.patches.map(\.subject) == ["p1", "p2"])
        #expect(series.patches.map { $0.files[0].path } == ["f1", "f2"])
        #expect(series.patches.map(\.id) == ["no-message-id-2", "no-message-id-1"])

        // A bare diff among them comes last; a mail without a patch does not make it fail.
        let bare = MailInput.Source(name: "extra.diff",
                                    bytes: Array("--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n".utf8))
        let chat = MailInput.Source(name: "chat.eml", bytes: Array("Subject: hello\n\nno patch here\n".utf8))
        let mixed = try MailInput.readSeries(sources: [bare, file(1)])
        #expect(mixed.patches.map { $0.files[0].path } == ["f1", "g"])
        #expect(mixed.patches.map(\.index) == [1, 2])
        #expect(try MailInput.readSeries(sources: [chat, bare]).patches.map(\.subject) == [""])
    }

    @Test("readSeries(path:) refuses directories, missing files and files over the size limit")
    func paths() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("mail-input-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let missing = try #require(throws: InputError.self) { try MailInput.readSeries(path: dir.path + "/nope") }
        #expect(missing.message.hasSuffix("/nope: no such file or not readable"))
        let directory = try #require(throws: InputError.self) { try MailInput.readSeries(path: dir.path) }
        #expect(directory.message.hasSuffix("is a directory, not a mailbox or patch file"))

        // A sparse file: over the limit without using the disk space.
        let huge = dir.appendingPathComponent("huge.mbox")
        _ = FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(MailInput.maximumInputSize) + 1)
        try handle.close()
        let tooBig = try #require(throws: InputError.self) { try MailInput.readSeries(path: huge.path) }
        #expect(tooBig.message.hasSuffix("huge.mbox: 268435457 bytes, over the 256 MiB input limit"))

        let ok = dir.appendingPathComponent("ok.patch")
        try Data(Self.series.utf8).write(to: ok)
        #expect(try MailInput.readSeries(path: ok.path).patches.count == 2)
    }
}
