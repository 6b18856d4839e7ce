import Foundation
import Testing
import TUI

/// Golden-file check of a screen, kept in `Tests/WorkbenchTests/Snapshots/<name>.txt`, as the TUI
/// tests do: rows between `|` marks, every row checked for width and for controls, and
/// `UPDATE_SNAPSHOTS=1 swift test` re-records (and fails the run). Wall-clock times (audit rows) are
/// masked so the files are stable.
func assertSnapshot(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for row in 0..<buffer.area.height {
        let line = buffer.line(row)
        #expect(DisplayWidth.of(line) == buffer.area.width, "row \(row) of \(name) is misaligned: \(line)",
                sourceLocation: sourceLocation)
        #expect(!line.unicodeScalars.contains(where: SafeText.needsEscape), "row \(row) of \(name) holds a control",
                sourceLocation: sourceLocation)
    }
    let timePattern = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
    let rendered = "size \(buffer.area.width)x\(buffer.area.height)\n"
        + (0..<buffer.area.height).map { "|" + buffer.line($0).replacing(timePattern, with: "YYYY-MM-DD hh:mm:ss") + "|" }
            .joined(separator: "\n") + "\n"
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
        try? rendered.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded snapshot \(name); run again without UPDATE_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing snapshot \(name); record it with UPDATE_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    #expect(rendered == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
}
