import Foundation
import TUI

/// A plain-text table for human output: every cell sanitized, columns padded to the widest cell.
struct TextTable {
    let headers: [String]
    private(set) var rows: [[String]] = []

    init(_ headers: String...) {
        self.headers = headers
    }

    /// Adds a row; cells come from data, so they are sanitized here.
    mutating func add(_ cells: String...) {
        rows.append(cells.map { SafeText($0).text })
    }

    /// The table as lines, or `empty` when there are no rows.
    func render(empty: String) -> String {
        guard !rows.isEmpty else { return empty }
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}

/// Sanitizes one piece of data for a line of human output.
func safe(_ text: String) -> String { SafeText(text).text }

/// `1234567` → `1.2 MB`.
func byteCount(_ bytes: Int64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB", "PB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
}
