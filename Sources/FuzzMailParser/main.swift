import FuzzSupport
import PatchLint

// The whole mail path on arbitrary bytes: mbox split, headers, MIME, transfer encodings,
// charsets, format=flowed, the patch/message cut and the diff. It may refuse (InputError),
// never crash; error messages stay on one line (the CLI's contract for input errors).
FuzzDriver.run { bytes in
    do {
        let series = try MailInput.readSeries(bytes: bytes, sourceName: "fuzz")
        for patch in series.patches {
            for file in patch.files {
                for hunk in file.hunks {
                    precondition(hunk.lines.filter { $0.kind != .added }.count == hunk.oldCount, "old count lies")
                }
            }
        }
    } catch let error as InputError {
        precondition(!error.message.contains("\n"), "a multi-line input error")
    } catch {
        preconditionFailure("an error that is not an InputError: \(error)")
    }
}
