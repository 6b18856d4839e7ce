import Foundation

/// Human-readable numbers for panes: sizes, counts, times.
enum Formatting {
    /// `1.5 MB` style, powers of 1000 as storage vendors and `df -H` count.
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// `1 migration job`, `3 migration jobs`: `noun` is singular and takes an `s` in the plural.
    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// A UTC timestamp `2026-11-25 04:02:47` from milliseconds since 1970.
    static func time(milliseconds: Int64) -> String {
        time(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                      c.minute ?? 0, c.second ?? 0)
    }

    /// The fields of a JSON object as sorted `key: value` pairs (nested values as compact JSON).
    static func pairs(json: String) -> [(key: String, value: String)] {
        guard let data = json.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return object.keys.sorted().map { key in
            let value = object[key]
            if let text = value as? String { return (key, text) }
            if let number = value as? NSNumber { return (key, number.stringValue) }
            let nested = (try? JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys]))
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            return (key, nested)
        }
    }
}
