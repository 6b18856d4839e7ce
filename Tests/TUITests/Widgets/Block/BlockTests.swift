import Testing

@testable import TUI
import TestSupport

@Suite struct BlockTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        let buffer = render(size) { buffer in
            let halves = buffer.area.split(.horizontal, [.percentage(50), .fill(1)])
            Block(title: "Studies " + Fixtures.cjk, isFocused: true).render(in: halves[0], buffer: &buffer)
            Block(title: Fixtures.osc52 + " very long title that must be cut").render(in: halves[1], buffer: &buffer)
            let ascii = Theme(name: "t", roles: [:]).palette(depth: .monochrome, glyphs: .ascii)
            var small = Buffer(width: 8, height: 3, palette: ascii)
            Block(title: "ascii").render(in: small.area, buffer: &small)
            for row in 0..<3 {
                for column in 0..<8 { buffer.set(small[column, row], column: halves[0].x + 2 + column, row: 2 + row) }
            }
        }
        assertSnapshot(buffer, named: "block-\(size.tag)")
        #expect(Block().inner(Rect(width: 10, height: 5)) == Rect(x: 1, y: 1, width: 8, height: 3))
    }
}
