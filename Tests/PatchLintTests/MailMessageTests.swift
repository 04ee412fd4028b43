import Foundation
import Testing
@testable import PatchLint

@Suite("Mail message: headers, encodings, MIME")
struct MailMessageTests {
    private func message(_ text: String) -> MailMessage { MailMessage(bytes: Array(text.utf8)) }
    private func text(_ m: MailMessage) -> String { String(decoding: m.text(), as: UTF8.self) }

    @Test("folded headers are unfolded; lookup ignores case; the body starts after the blank line")
    func foldedHeaders() {
        let m = message("""
        Subject: [PATCH v2] KVM: x86/mmu: a long subject that
         continues here
        \tand here
        message-id: <abc@example.org>
        X-Empty:

        body

        """)
        #expect(m.subject == "[PATCH v2] KVM: x86/mmu: a long subject that continues here and here")
        #expect(m.headers["SUBJECT"] == m.headers["subject"])
        #expect(m.messageID == "abc@example.org")
        #expect(m.headers["x-empty"] == "")
        #expect(m.headers["x-missing"] == nil)
        #expect(String(decoding: m.body, as: UTF8.self) == "body\n")
    }

    @Test("RFC 2047 encoded words: B and Q, any case, ISO-8859-1 and UTF-8, adjacent words joined")
    func encodedWords() {
        #expect(EncodedWords.decode("=?iso-8859-1?q?C=E9dric?= Le Goater") == "Cédric Le Goater")
        #expect(EncodedWords.decode("=?UTF-8?B?Q8OpZHJpYw==?= Le Goater") == "Cédric Le Goater")
        #expect(EncodedWords.decode("=?utf-8?Q?caf=C3=A9_au_lait?=") == "café au lait")
        // Whitespace (even a fold) between encoded words goes; a UTF-8 character split over
        // two words is put back together.
        #expect(EncodedWords.decode("=?UTF-8?q?Fix_the_?= \n =?UTF-8?q?na=C3?= =?UTF-8?q?=AFve_path?=")
                == "Fix the naïve path")
        #expect(EncodedWords.decode("a =?utf-8?b?w6k=?= b") == "a é b")
        // Malformed words stay literal.
        #expect(EncodedWords.decode("=?utf-8?x?abc?= and =?broken") == "=?utf-8?x?abc?= and =?broken")
        let m = message("From: =?iso-8859-1?Q?Andr=E9?= Przywara <andre@example.org>\n"
                        + "Subject: =?utf-8?B?W1BBVENIXSBLVk06IGZpeCDigJxkaXJlY3TigJ0=?=\n\nx\n")
        #expect(m.subject == "[PATCH] KVM: fix “direct”")
        #expect(m.headers["from"].flatMap(MailAddress.person(fromHeader:))
                == Person(name: "André Przywara", email: "andre@example.org"))
    }

    @Test("addresses: quoted names, comments, bare addresses")
    func addresses() {
        #expect(MailAddress.person(fromHeader: "\"Doe, Jane\" <jane@example.org>")
                == Person(name: "Doe, Jane", email: "jane@example.org"))
        #expect(MailAddress.person(fromHeader: "jane@example.org (Jane Doe)")
                == Person(name: "Jane Doe", email: "jane@example.org"))
        #expect(MailAddress.person(fromHeader: "<jane@example.org>") == Person(name: "", email: "jane@example.org"))
        #expect(MailAddress.person(fromHeader: "jane@example.org") == Person(name: "", email: "jane@example.org"))
        #expect(MailAddress.person(fromHeader: "") == nil)
    }

    @Test("RFC 2822 dates, including obsolete forms")
    func dates() throws {
        let reference = try #require(MailDate.parse("Mon, 29 Apr 2019 11:24:03 +1000"))
        #expect(reference.timeIntervalSince1970 == 1_556_501_043)
        #expect(MailDate.parse("29 Apr 2019 01:24:03 GMT") == reference)
        #expect(MailDate.parse("Sun, 28 Apr 19 21:24:03 EDT") == reference)
        #expect(MailDate.parse("Mon,  29 Apr 2019 03:24:03 +0200 (CEST)") == reference)
        #expect(MailDate.parse("Thu, 1 Jan 1970 00:00 +0000")?.timeIntervalSince1970 == 0)
        #expect(MailDate.parse("Tue, 29 Feb 2000 12:00:00 -0130")?.timeIntervalSince1970 == 951_831_000)
        #expect(MailDate.parse("not a date") == nil)
        #expect(MailDate.parse("Mon, 32 Apr 2019 11:24:03 +1000") == nil)
        #expect(MailDate.parse("1 Jan 9223372036854775807 00:00 +0000") == nil)
        #expect(MailDate.parse("1 Jan 922337203685477580 00:00 +0000") == nil)
    }

    @Test("quoted-printable and base64 bodies")
    func transferEncodings() {
        let qp = message("""
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        caf=C3=A9 a very long line that was wrapped by the sender's ma=
        iler, a trailing blank=20
        a =3D sign and a stray = stays

        """)
        #expect(text(qp) == "café a very long line that was wrapped by the sender's mailer, a trailing blank \n"
                + "a = sign and a stray = stays\n")
        let b64 = message("""
        Content-Type: text/plain; charset="UTF-8"
        Content-Transfer-Encoding: BASE64

        Q8OpZHJpYyBzYXlzOgpkaWZm
        IC0tZ2l0Cg==

        """)
        #expect(text(b64) == "Cédric says:\ndiff --git\n")
        // Base64 text in canonical CRLF form comes back with LF.
        let crlf = message("Content-Transfer-Encoding: base64\n\n\(Data("a\r\nb\r\n".utf8).base64EncodedString())\n")
        #expect(text(crlf) == "a\nb\n")
    }

    @Test("ISO-8859-1 and Windows-1252 bodies: é and a 0x92 apostrophe")
    func singleByteCharsets() {
        func mail(_ charset: String, _ body: [UInt8]) -> MailMessage {
            MailMessage(bytes: Array("Content-Type: text/plain; charset=\(charset)\n\n".utf8) + body)
        }
        let latin1 = mail("iso-8859-1", [0x43, 0xE9, 0x64, 0x72, 0x69, 0x63, 0x0A])
        #expect(text(latin1) == "Cédric\n")
        let cp1252 = mail("windows-1252", [0x64, 0x6F, 0x6E, 0x92, 0x74, 0x20, 0x80, 0x35, 0x20, 0x93, 0x71, 0x94, 0x0A])
        #expect(text(cp1252) == "don\u{2019}t €5 \u{201C}q\u{201D}\n")
        // Windows-1252's unassigned bytes map to the C1 control of the same value.
        #expect(text(mail("cp1252", [0x81, 0x8D, 0x8F, 0x90, 0x9D])) == "\u{81}\u{8D}\u{8F}\u{90}\u{9D}")
        #expect(text(mail("iso-8859-15", [0xA4, 0xBD])) == "€œ")
        // Mislabelled us-ascii that is really UTF-8; an unknown charset is read lossily.
        #expect(text(mail("us-ascii", Array("naïve\n".utf8))) == "naïve\n")
        #expect(text(mail("x-unknown-charset", [0x61, 0xFF, 0x62])) == "a\u{FFFD}b")
        // Less common charsets through Foundation, in bodies and in encoded words.
        #expect(text(mail("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2])) == "Привет")
        #expect(EncodedWords.decode("=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?=") == "日本")
        // Raw 8-bit header text: UTF-8 when valid, else Windows-1252.
        let header = MailMessage(bytes: Array("From: ".utf8) + [0x52, 0xE9, 0x6D, 0x69] + Array(" <r@example.org>\n\n".utf8))
        #expect(header.headers["from"] == "Rémi <r@example.org>")
    }

    @Test("multipart/mixed: the inline text and a text/x-patch attachment, in order")
    func multipartMixed() {
        let m = message("""
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="==XYZ=="

        This is a multi-part message in MIME format.
        --==XYZ==
        Content-Type: text/plain; charset=us-ascii

        Commit message.

        Signed-off-by: A <a@example.org>
        --==XYZ==
        Content-Type: text/x-patch; name="0001-fix.patch"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename="0001-fix.patch"

        ZGlmZiAtLWdpdCBhL2YgYi9mCg==
        --==XYZ==
        Content-Type: image/png
        Content-Transfer-Encoding: base64

        iVBORw0KGgo=
        --==XYZ==--
        epilogue

        """)
        #expect(text(m) == "Commit message.\n\nSigned-off-by: A <a@example.org>\ndiff --git a/f b/f\n")
    }

    @Test("nested multipart/signed and multipart/alternative: text parts only, plain over HTML")
    func nestedMultipart() {
        let m = message("""
        Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary=outer

        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Gr=FC=DFe
        --inner
        Content-Type: text/html

        <p>Gr&uuml;&szlig;e</p>
        --inner--

        --outer
        Content-Type: application/pgp-signature; name="signature.asc"

        -----BEGIN PGP SIGNATURE-----
        --outer--

        """)
        #expect(text(m) == "Grüße")
    }

    @Test("an octet-stream attachment counts only when named like a patch")
    func octetStream() {
        func mail(_ name: String) -> MailMessage {
            message("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            see attached
            --b
            Content-Type: application/octet-stream; name="\(name)"

            diff --git a/f b/f
            --b--

            """)
        }
        #expect(text(mail("fix.patch")) == "see attached\ndiff --git a/f b/f")
        #expect(text(mail("core.bin")) == "see attached")
    }

    @Test("content-type parameters: quoting, case, RFC 2231")
    func contentType() {
        let t = MIMEContentType.parse("Text/X-Patch; CHARSET=\"utf-8\"; name*=utf-8''na%C3%AFve.patch; x=\"a;b\"")
        #expect(t.type == "text" && t.subtype == "x-patch")
        #expect(t.charset == "utf-8")
        #expect(t.fileName == "naïve.patch")
        #expect(t.parameters["x"] == "a;b")
        #expect(MIMEContentType.parse(nil) == .defaultText)
    }

    @Test("format=flowed is undone as git mailinfo does: unstuffing, soft breaks, delsp, signature kept")
    func formatFlowed() throws {
        let flowed = "A paragraph that \nflows.\n  context line\n-removed\n+added \n+tail\n-- \nsig\n"
        #expect(FormatFlowed.unflow(Array(flowed.utf8), deleteSpace: false)
                == Array("A paragraph that flows.\n context line\n-removed\n+added +tail\n-- \nsig\n".utf8))
        #expect(FormatFlowed.unflow(Array("soft \nbreak\nend \n".utf8), deleteSpace: true)
                == Array("softbreak\nend\n".utf8))
        let mail = MailMessage(bytes: Array("""
            Subject: x
            Content-Type: text/plain; charset=utf-8; format=flowed

            Text.
            ---
            diff --git a/f b/f
            --- a/f
            +++ b/f
            @@ -1,2 +1,2 @@
              keep
            -old
            +new

            """.utf8))
        #expect(String(decoding: mail.text(), as: UTF8.self).hasSuffix("@@ -1,2 +1,2 @@\n keep\n-old\n+new\n"))
        // Without format=flowed nothing changes.
        let plain = MailMessage(bytes: Array("Subject: x\n\n  two spaces \nnext\n".utf8))
        #expect(plain.text() == Array("  two spaces \nnext\n".utf8))
    }
}
