// Placeholder until the mail reader lands (replaced by the mail/ branch).
enum MailInput {
    static func readSeries(paths: [String]) throws -> Series {
        throw InputError("mail input is not available yet")
    }
}
