/// Rewrites seam SQL's `?` placeholders into PostgreSQL's `$1, $2, …`.
///
/// A bare `?` takes the next number; `?N` (SQLite's numbered form, for an argument used several times) becomes
/// `$N`. Question marks inside string literals (`'…'`, with `''` escapes), quoted identifiers (`"…"`) and
/// comments (`-- …`, `/* … */`) are left alone. The text is scanned as UTF-8 bytes: every character that
/// matters is ASCII, and multi-byte characters pass through untouched.
enum PostgresPlaceholders {
    /// `sql` with its placeholders numbered for PostgreSQL.
    static func translate(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var next = 1
        var index = 0
        func copy(until terminator: [UInt8]) {
            // Copies up to and including `terminator` (or to the end of the text).
            while index < bytes.count {
                if bytes[index...].starts(with: terminator) {
                    output += terminator
                    index += terminator.count
                    return
                }
                output.append(bytes[index])
                index += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A doubled quote inside a literal ends it and starts the next one at once: same result.
                output.append(byte)
                index += 1
                copy(until: [byte])
            case UInt8(ascii: "-") where bytes[index...].starts(with: Array("--".utf8)):
                copy(until: [UInt8(ascii: "\n")])
            case UInt8(ascii: "/") where bytes[index...].starts(with: Array("/*".utf8)):
                output += Array("/*".utf8)
                index += 2
                copy(until: Array("*/".utf8))
            case UInt8(ascii: "?"):
                index += 1
                var digits: [UInt8] = []
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    digits.append(bytes[index])
                    index += 1
                }
                output.append(UInt8(ascii: "$"))
                if digits.isEmpty {
                    output += Array(String(next).utf8)
                    next += 1
                } else {
                    output += digits
                }
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
