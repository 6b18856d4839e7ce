import Foundation

/// Spans of time and points in the past as people type them; the command line (`--since`, `--expires`,
/// `--lease`) and the workbench's `since:` filter read them with this one parser.
///
/// - A span is a whole number and a unit: `30s`, `90m`, `1h`, `2d`.
/// - A point in the past is a span back from now, or a UTC date with an optional time (`2026-11-25`,
///   `2026-11-25T04:00`, `2026-11-25T04:00:30`), or any ISO 8601 date-time with a zone
///   (`2026-11-25T10:00:00Z`, `2026-11-25T11:00:00+01:00`).
///
/// ```swift
/// TimeSpan.seconds("90m")                          // 5400
/// TimeSpan.start(of: "2h", now: now)                 // now - 7200 s
/// TimeSpan.start(of: "2026-11-25", now: now)         // 2026-11-25T00:00:00Z
/// ```
public enum TimeSpan {
    /// Examples for messages that say what is accepted.
    public static let examples = ["30s", "15m", "2h", "7d", "2026-11-25", "2026-11-25T04:00"]

    /// The seconds in a span such as `90m`; `nil` unless `text` is a whole number of at least 0 followed by
    /// `s`, `m`, `h` or `d`, or when the count overflows.
    public static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let amount = Int(text.dropLast()), amount >= 0,
              text.first?.isNumber == true else { return nil }
        let scale: Int
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        default: return nil
        }
        let (seconds, overflow) = amount.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }

    /// The instant `text` names, looking back from `now`: `now` minus a span, or a date or date-time.
    /// `nil` when `text` is neither.
    public static func start(of text: String, now: Date) -> Date? {
        if let seconds = seconds(text) { return now.addingTimeInterval(-Double(seconds)) }
        for format in ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return try? Date(text, strategy: .iso8601)
    }
}
