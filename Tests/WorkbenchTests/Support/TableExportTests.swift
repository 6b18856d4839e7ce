import Foundation
import Testing
@testable import Workbench

/// CSV per RFC 4180 with the spreadsheet formula guard; JSON through the terminal-safe encoder.
@Suite struct TableExportTests {
    @Test func csvQuotesWhatNeedsQuotingAndEndsLinesWithCRLF() {
        let data = TableExport.csv(titles: ["A", "B"], rows: [["plain", "a,b"], ["say \"hi\"", "two\nlines"]])
        #expect(String(decoding: data, as: UTF8.self) == "A,B\r\nplain,\"a,b\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
    }

    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
    func formulasAreDefused(value: String) {
        let field = TableExport.csvField(value)
        #expect(field.hasPrefix("'") || field.hasPrefix("\"'"), "\(field)")
    }

    @Test func jsonIsTerminalSafe() throws {
        let data = try TableExport.json(titles: ["NOTE"], rows: [["\u{9B}31mred \u{1B}[2J"]])
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x1B })
        let parsed = try JSONSerialization.jsonObject(with: data) as? [[String: String]]
        #expect(parsed?.first?["NOTE"] == "\u{9B}31mred \u{1B}[2J", "the exact text comes back")
    }

    @Test func theFormatFollowsTheExtension() {
        #expect(TableExport.Format(path: "view.JSON") == .json)
        #expect(TableExport.Format(path: "view.csv") == .csv)
        #expect(TableExport.Format(path: "view") == .csv)
    }
}
