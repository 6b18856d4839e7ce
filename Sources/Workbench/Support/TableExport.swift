import Foundation
import TUI

/// The current view of a list (filtered, sorted, every column) as CSV or JSON bytes.
///
/// CSV follows RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, a quote,
/// CR or LF, quotes doubled. Spreadsheets run a cell starting with `=`, `+`, `-` or `@` (and tab or CR)
/// as a formula, so a catalog value such as `=HYPERLINK(…)` would execute when the file is opened;
/// such cells get a leading `'` (the OWASP guard), which spreadsheets show as text.
/// JSON is an array of objects keyed by column title, written by ``TerminalSafeJSON`` so that viewing
/// the file in a terminal cannot run control sequences.
enum TableExport {
    enum Format: Sendable, Hashable {
        case csv, json

        /// JSON for a `.json` path, CSV otherwise.
        init(path: String) {
            self = path.lowercased().hasSuffix(".json") ? .json : .csv
        }
    }

    static func data(titles: [String], rows: [[String]], format: Format) throws -> Data {
        switch format {
        case .csv: return csv(titles: titles, rows: rows)
        case .json: return try json(titles: titles, rows: rows)
        }
    }

    static func csv(titles: [String], rows: [[String]]) -> Data {
        var text = ""
        for row in [titles] + rows {
            text += row.map(csvField).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    static func json(titles: [String], rows: [[String]]) throws -> Data {
        let objects = rows.map { row in
            Dictionary(titles.indices.map { (titles[$0], $0 < row.count ? row[$0] : "") }) { first, _ in first }
        }
        return try TerminalSafeJSON.encode(objects)
    }

    /// One CSV field: formula-guarded, then quoted if needed.
    static func csvField(_ value: String) -> String {
        var field = value
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { field = "'" + field }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
