import Testing

@testable import TUI
import TestSupport

@Suite struct SparklineTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        let values: [Double] = [0, 1, 2, 3, 5, 8, 13, 8, 5, 3, 2, 1, 0, 4, 9, .nan, 12]
        let ascii = Theme(name: "t", roles: [:]).palette(depth: .monochrome, glyphs: .ascii)
        var asciiBuffer = Buffer(width: size.width, height: 1, palette: ascii)
        Sparkline(values: values).render(in: asciiBuffer.area, buffer: &asciiBuffer)
        let buffer = render(Size(width: size.width, height: 3)) { buffer in
            Sparkline(values: values).render(in: buffer.area.row(0), buffer: &buffer)
            Sparkline(values: Array(repeating: 0, count: 5)).render(in: buffer.area.row(1), buffer: &buffer)
            for column in 0..<size.width { buffer.set(asciiBuffer[column, 0], column: column, row: 2) }
        }
        assertSnapshot(buffer, named: "sparkline-\(size.tag)")
    }

    @Test func theNewestValueIsAtTheRightEdgeAndTheMaximumIsFull() {
        let buffer = render(Size(width: 6, height: 1)) {
            Sparkline(values: [1, 2, 4, 8]).render(in: $0.area, buffer: &$0)
        }
        #expect(buffer.line(0) == "  ▂▃▅█")
    }
}
