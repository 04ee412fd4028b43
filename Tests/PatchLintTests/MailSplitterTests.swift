import Testing
@testable import PatchLint

@Suite("Mailbox splitter")
struct MailSplitterTests {
    private func split(_ text: String) -> [String] {
        MailboxSplitter.split(Array(text.utf8)).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test("mboxo: From_ lines separate messages; prose starting with From does not")
    func mboxo() {
        let mbox = """
        From alice@example.org Mon Jan  6 10:00:00 2025
        Subject: one

        From the start, this line is prose, not a separator.
        >From here on it was escaped.

        From bob@example.org Tue Jan  7 11:30:00 2025
        Subject: two

        body two

        """
        let messages = split(mbox)
        #expect(messages == [
            "Subject: one\n\nFrom the start, this line is prose, not a separator.\nFrom here on it was escaped.\n\n",
            "Subject: two\n\nbody two\n",
        ])
        // A separator with an RFC 5322 date (year before time) counts too; a line with a
        // time but no year, or a year but no time, does not.
        #expect(split("From a@b Mon, 6 Jan 2025 10:00:00 +0000\nSubject: x\n\nFrom 9:30 to 10:45 we met.\n"
                      + "From 2024 onwards nothing.\nFrom c@d Tue, 7 Jan 2025 11:00:00 +0000\nSubject: y\n\n")
                == ["Subject: x\n\nFrom 9:30 to 10:45 we met.\nFrom 2024 onwards nothing.\n", "Subject: y\n\n"])
        let separators = MailboxSplitter.split(Array(mbox.utf8)).map(\.separator)
        #expect(separators == ["From alice@example.org Mon Jan  6 10:00:00 2025",
                               "From bob@example.org Tue Jan  7 11:30:00 2025"])
    }

    @Test("mboxrd: one `>` is removed from every >From, >>From... line")
    func mboxrd() {
        let mbox = """
        From mboxrd@z Thu Jan  1 00:00:00 1970
        Subject: quoting

        >From me
        >>From you
        >>>From them
        > From is not escaped (a space after >)
        >Fromage is not escaped either

        """
        #expect(split(mbox) == [
            "Subject: quoting\n\nFrom me\n>From you\n>>From them\n> From is not escaped (a space after >)\n"
                + ">Fromage is not escaped either\n",
        ])
    }

    @Test("a single git format-patch file is one message")
    func formatPatchFile() {
        let file = """
        From 3f2a1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c Mon Sep 17 00:00:00 2001
        From: A U Thor <author@example.org>
        Subject: [PATCH] x

        ---
        diff --git a/f b/f

        """
        let messages = MailboxSplitter.split(Array(file.utf8))
        #expect(messages.count == 1)
        #expect(messages[0].separator?.hasPrefix("From 3f2a1b4c") == true)
        #expect(String(decoding: messages[0].bytes, as: UTF8.self).hasPrefix("From: A U Thor"))
    }

    @Test("a raw email (headers first) is one message, kept as is")
    func rawMail() {
        let mail = "Return-Path: <x@example.org>\nFrom: X <x@example.org>\nSubject: hi\n\n>From stays\n"
        let messages = MailboxSplitter.split(Array(mail.utf8))
        #expect(messages.count == 1)
        #expect(messages[0].separator == nil)
        #expect(String(decoding: messages[0].bytes, as: UTF8.self) == mail)
    }

    @Test("CRLF line endings are normalised; a byte-order mark and leading blank lines are dropped")
    func crlf() {
        let mbox = "\u{FEFF}\r\nFrom a@b Mon Jan  6 10:00:00 2025\r\nSubject: s\r\n\r\nline\r\n"
            + "From c@d Mon Jan  6 10:00:01 2025\r\nSubject: t\r\n\r\nbare\rcr stays\r\n"
        #expect(split(mbox) == ["Subject: s\n\nline\n", "Subject: t\n\nbare\rcr stays\n"])
    }

    @Test("empty input and binary noise give no crash")
    func emptyAndNoise() {
        #expect(MailboxSplitter.split([]).isEmpty)
        let noise = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        #expect(MailboxSplitter.split(noise).count == 1)
    }
}
