import Foundation
import Testing

@testable import TUI

/// Golden-file check of a buffer's text, kept in `Tests/TUITests/Snapshots/<name>.txt`.
///
/// Each row is written between `|` marks so trailing blanks are visible. Before comparing, every row
/// is checked to fill exactly the buffer's width in display cells and to contain nothing a terminal
/// would interpret. `UPDATE_SNAPSHOTS=1 swift test` re-records the files and fails the run, so a
/// re-recording is never mistaken for a pass.
func assertSnapshot(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for row in 0..<buffer.area.height {
        let line = buffer.line(row)
        #expect(
            DisplayWidth.of(line) == buffer.area.width,
            "row \(row) of \(name) is misaligned: \(line)",
            sourceLocation: sourceLocation
        )
        #expect(
            !line.unicodeScalars.contains(where: SafeText.needsEscape),
            "row \(row) of \(name) holds a control",
            sourceLocation: sourceLocation
        )
    }
    let rendered =
        "size \(buffer.area.width)x\(buffer.area.height)\n"
        + (0..<buffer.area.height).map { "|" + buffer.line($0) + "|" }.joined(separator: "\n") + "\n"
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

/// Draws `draw` into a fresh buffer of `size` (plain palette unless given).
func render(_ size: Size, palette: Palette = .plain, _ draw: (inout Buffer) -> Void) -> Buffer {
    var buffer = Buffer(width: size.width, height: size.height, palette: palette)
    draw(&buffer)
    return buffer
}

/// The two sizes every widget is recorded at: cramped and roomy.
let snapshotSizes = [Size(width: 34, height: 8), Size(width: 72, height: 14)]

extension Size {
    var tag: String { "\(width)x\(height)" }
}
