import Foundation

/// RFC 5322 §3.3 dates (`Tue, 1 Nov 2022 10:32:05 +0100`), including the obsolete forms
/// still seen in archives: no day name, two-digit years, no seconds, named zones (`GMT`,
/// `UT`, `EST`…), a trailing `(CET)` comment, extra blanks. Computed arithmetically in UTC
/// (no DateFormatter: locale-independent and fast).
enum MailDate {
    static func parse(_ text: String) -> Date? {
        // Drop comments and the day name; split into tokens.
        var cleaned = ""
        var depth = 0
        for c in text {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { cleaned.append(c == "," ? " " : c) }
        }
        var tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .map(String.init)
        if let first = tokens.first, first.first?.isLetter == true, monthNumber(first) == nil {
            tokens.removeFirst()  // "Tue"
        }
        guard tokens.count >= 4 else { return nil }
        // Day Month Year Time [Zone]; some writers put the month first.
        var day: Int?, month: Int?
        if let d = Int(tokens[0]), let m = monthNumber(tokens[1]) {
            day = d; month = m
        } else if let m = monthNumber(tokens[0]), let d = Int(tokens[1]) {
            day = d; month = m
        }
        guard let day, let month, var year = Int(tokens[2]), (1...31).contains(day) else { return nil }
        if tokens[2].count <= 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        guard (1...9999).contains(year) else { return nil }  // and no arithmetic overflow below
        let time = tokens[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, time.count <= 3, let hour = time[0], let minute = time[1],
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = time.count == 3 ? (time[2] ?? 0) : 0
        guard (0...60).contains(second) else { return nil }
        let offset = tokens.count > 4 ? zoneOffset(tokens[4]) : 0

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ token: String) -> Int? {
        guard token.count >= 3 else { return nil }
        let key = token.prefix(3).lowercased()
        return months.firstIndex(of: key).map { $0 + 1 }
    }

    /// Seconds east of UTC.
    private static func zoneOffset(_ token: String) -> Int {
        if let sign = token.first, sign == "+" || sign == "-", token.count == 5,
           let value = Int(token.dropFirst()) {
            let seconds = (value / 100) * 3_600 + (value % 100) * 60
            return sign == "-" ? -seconds : seconds
        }
        switch token.uppercased() {
        case "EDT": return -4 * 3_600
        case "EST", "CDT": return -5 * 3_600
        case "CST", "MDT": return -6 * 3_600
        case "MST", "PDT": return -7 * 3_600
        case "PST": return -8 * 3_600
        default: return 0  // UT, GMT, Z, military zones (RFC 5322: treat as -0000)
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
    /// days_from_civil algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
