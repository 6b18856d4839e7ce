import Testing

@testable import TUI
import TestSupport

@Suite struct HalfBlockImageTests {
    /// A 16×16 gradient with a dark square in the middle.
    private let image: GrayImage = {
        var pixels: [UInt8] = []
        for y in 0..<16 {
            for x in 0..<16 { pixels.append((4...11).contains(x) && (4...11).contains(y) ? 0 : UInt8(x * 16 + 15)) }
        }
        return GrayImage(width: 16, height: 16, pixels: pixels)!
    }()

    @Test func eachCellShowsTheTopPixelAsForegroundAndTheBottomAsBackground() {
        let two = GrayImage(width: 1, height: 2, pixels: [255, 0])!
        let palette = Theme(name: "t", roles: [:]).palette(depth: .ansi256)
        let buffer = render(Size(width: 1, height: 1), palette: palette) {
            HalfBlockImage(two).render(in: $0.area, buffer: &$0)
        }
        #expect(buffer[0, 0] == Cell("▀", style: Style(foreground: .indexed(231), background: .indexed(16))))
    }

    @Test func grayLevelsMapPerDepth() {
        #expect(HalfBlockImage.color(128, depth: .ansi256) == .indexed(244))
        #expect(HalfBlockImage.color(8, depth: .ansi256) == .indexed(232))
        #expect(HalfBlockImage.color(238, depth: .ansi256) == .indexed(255))
        #expect(HalfBlockImage.color(100, depth: .ansi16) == .indexed(8))
        #expect(HalfBlockImage.color(200, depth: .ansi16) == .indexed(15))
        #expect(HalfBlockImage.color(200, depth: .ansi8) == .indexed(7))
    }

    @Test func eightColourTerminalsGetTheDensityRampNotTwoGrays() throws {
        let palette = try ThemeLoader().load("default").palette(depth: .ansi8)
        let buffer = render(Size(width: 16, height: 8), palette: palette) {
            HalfBlockImage(image).render(in: $0.area, buffer: &$0)
        }
        #expect(!buffer.text.contains("▀"))
        let symbols = Set(buffer.text.filter { $0 != "\n" })
        #expect(symbols.count >= 5, "several gray levels show: \(symbols)")
        #expect(buffer[8, 4].style == palette[.normal])
    }

    @Test func badDimensionsAreRejected() {
        #expect(GrayImage(width: 3, height: 3, pixels: [1, 2]) == nil)
        #expect(GrayImage(width: 0, height: 0, pixels: []) == nil)
        #expect(GrayImage(width: .max, height: 2, pixels: []) == nil)
    }

    @Test(arguments: snapshotSizes)
    func asciiFallbackSnapshot(size: Size) {
        let ascii = Theme(name: "t", roles: [:]).palette(depth: .ansi16, glyphs: .ascii)
        let buffer = render(size, palette: ascii) { HalfBlockImage(image).render(in: $0.area, buffer: &$0) }
        assertSnapshot(buffer, named: "image-ascii-\(size.tag)")
    }

    @Test(arguments: snapshotSizes)
    func halfBlockSnapshot(size: Size) {
        let palette = Theme(name: "t", roles: [:]).palette(depth: .ansi256)
        let buffer = render(size, palette: palette) { HalfBlockImage(image).render(in: $0.area, buffer: &$0) }
        assertSnapshot(buffer, named: "image-blocks-\(size.tag)")
        let cells = (0..<size.height).flatMap { row in (0..<size.width).map { buffer[$0, row] } }
        #expect(cells.contains { $0.style.background == .indexed(16) })
    }
}
