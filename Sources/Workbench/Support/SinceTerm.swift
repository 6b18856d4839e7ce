import Foundation

/// Reads a `since:` term: a span back from now (`30s`, `15m`, `2h`, `7d`) or a UTC date, optionally
/// with a time (`2026-11-25`, `2026-11-25T04:00`, `2026-11-25T04:00:30`).
enum SinceTerm {
    static func date(_ text: String, now: Date) -> Date? {
        if let unit = text.last, let amount = Int(text.dropLast()), amount >= 0 {
            let seconds: Int? = switch unit {
            case "s": 1
            case "m": 60
            case "h": 3600
            case "d": 86400
            default: nil
            }
            if let seconds {
                let (span, overflow) = amount.multipliedReportingOverflow(by: seconds)
                return overflow ? nil : now.addingTimeInterval(-Double(span))
            }
        }
        let formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
