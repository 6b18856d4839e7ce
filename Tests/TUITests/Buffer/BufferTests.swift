import Testing

@testable import TUI

@Suite struct BufferTests {
    @Test func writeSanitizesEveryHostileString() {
        for hostile in Fixtures.hostile {
            var buffer = Buffer(width: 40, height: 1)
            buffer.write(hostile, column: 0, row: 0, style: .plain)
            let line = buffer.line(0)
            #expect(!line.unicodeScalars.contains(where: SafeText.needsEscape), "\(line)")
            #expect(DisplayWidth.of(line) == 40)
        }
        var buffer = Buffer(width: 12, height: 1)
        buffer.write(Fixtures.clearScreen, column: 0, row: 0, style: .plain)
        #expect(buffer.line(0) == "^[[2Jwipe   ")
    }

    @Test func wideCharactersUseAContinuationCell() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.write("山田", column: 1, row: 0, style: .plain) == 4)
        #expect(buffer[1, 0].symbol == "山")
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer.line(0) == " 山田 ")
    }

    @Test func aWideCharacterNeverStraddlesTheLimit() {
        var buffer = Buffer(width: 5, height: 1)
        let used = buffer.write("山田太", column: 0, row: 0, width: 5, style: .plain, ellipsis: false)
        #expect(used == 4)
        #expect(buffer.line(0) == "山田 ")
    }

    @Test func overflowEndsInAnEllipsis() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.write("abcdefghij", column: 0, row: 0, width: 5, style: .plain)
        #expect(buffer.line(0) == "abcd…   ")
        var wide = Buffer(width: 8, height: 1)
        wide.write("山田太郎", column: 0, row: 0, width: 5, style: .plain)
        #expect(wide.line(0) == "山田…   ")
        var exact = Buffer(width: 8, height: 1)
        exact.write("山田太郎", column: 0, row: 0, width: 4, style: .plain)
        #expect(exact.line(0) == "山…     ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("山田", column: 0, row: 0, style: .plain)
        buffer.set(Cell("x"), column: 1, row: 0)
        #expect(buffer.line(0) == " x田")
        buffer.set(Cell("y"), column: 2, row: 0)
        #expect(buffer.line(0) == " xy ")
    }

    @Test func writesAreClippedToTheBuffer() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.write("abcdef", column: -2, row: 0, style: .plain, ellipsis: false)
        buffer.write("zzz", column: 0, row: 5, style: .plain)
        buffer.fill(Rect(x: 3, y: 1, width: 10, height: 10), symbol: "#", style: .plain)
        #expect(buffer.text == "abcd\n   #")
    }

    @Test func nonUnicodeTerminalsGetQuestionMarksOfTheSameWidth() {
        let palette = Theme(name: "t", roles: [:]).palette(depth: .monochrome, glyphs: .ascii)
        var buffer = Buffer(width: 8, height: 1, palette: palette)
        buffer.write("a山ü", column: 0, row: 0, style: .plain)
        #expect(buffer.line(0) == "a???    ")
    }

    @Test func diffListsOnlyChangedCells() {
        var before = Buffer(width: 10, height: 3)
        before.write("progress 1", column: 0, row: 1, style: .plain)
        var after = before
        after.write("2", column: 9, row: 1, style: .plain)
        let changes = after.changes(from: before)
        #expect(changes == [CellChange(column: 9, row: 1, cell: Cell("2"))])
        #expect(after.changes(from: nil).count == 30)
        #expect(Buffer(width: 5, height: 3).changes(from: before).count == 15)
    }
}
