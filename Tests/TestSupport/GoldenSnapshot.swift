import Foundation
import Testing
import TUI

/// Golden-file check of a buffer's text, kept in `Tests/<TestTarget>/Snapshots/<name>.txt` of the
/// calling test's target.
///
/// Each row is written between `|` marks so trailing blanks are visible. Before comparing, every row
/// is checked to fill exactly the buffer's width in display cells and to contain nothing a terminal
/// would interpret. Wall-clock times (`YYYY-MM-DD hh:mm:ss`, as audit rows show them) are masked so the
/// files are stable, and so is each key of `replacing` (a per-run folder) by its value, which should
/// be as wide so the rows keep their layout. `UPDATE_SNAPSHOTS=1 swift test` re-records the files and
/// fails the run, so a re-recording is never mistaken for a pass.
public func assertSnapshot(
    _ buffer: Buffer,
    named name: String,
    replacing: [String: String] = [:],
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
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
    let time = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/
    let rows = (0..<buffer.area.height).map { row in
        let line = replacing.reduce(buffer.line(row)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        return "|" + line.replacing(time, with: "YYYY-MM-DD hh:mm:ss") + "|"
    }
    let rendered = "size \(buffer.area.width)x\(buffer.area.height)\n" + rows.joined(separator: "\n") + "\n"
    let url = snapshotFolder(of: filePath).appendingPathComponent(name + ".txt")
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

/// `Tests/<TestTarget>/Snapshots` for a test source file anywhere inside that target's folder.
private func snapshotFolder(of filePath: String) -> URL {
    var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while folder.deletingLastPathComponent().lastPathComponent != "Tests", folder.path != "/" {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("Snapshots")
}
