import Testing

@testable import TUI

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect(DisplayWidth.of("Hello, lake") == 11)
    }

    @Test func wideCJKTakesTwoCells() {
        #expect(DisplayWidth.of("山田^太郎") == 9)
        #expect(DisplayWidth.wcwidth("山") == 2)
    }

    @Test func combiningMarksTakeNoCell() {
        #expect(DisplayWidth.of("e\u{301}\u{302}") == 1)
        #expect(Array(TextCells("Mu\u{308}")).map(\.symbol) == ["M", "u\u{308}"])
    }

    @Test func zwjSequencesCostTheSumOfTheirMembers() {
        // 👩 (2) + ZWJ (0) + 🔬 (2): what wcwidth-based terminals such as tmux advance.
        #expect(DisplayWidth.of("👩‍🔬") == 4)
        #expect(DisplayWidth.wcwidth("\u{200D}") == 0)
        // The joiner itself is never sent, so no terminal can join the pair into one glyph.
        #expect(Array(TextCells("👩‍🔬")).map(\.symbol) == ["👩", "🔬"])
    }

    @Test func vs16AfterANarrowBaseReservesTwoCellsAsBaseAndBlank() {
        let cells = Array(TextCells("❤️x"))
        #expect(cells.map(\.symbol) == ["❤", " ", "x"])
        #expect(DisplayWidth.of("❤️") == 2)
        // After a wide base the selector changes nothing.
        #expect(DisplayWidth.of("😀\u{FE0F}") == 2)
    }

    @Test func controlsAreMeasuredAfterSanitizing() {
        #expect(DisplayWidth.of("\u{1B}[2J") == 5)  // ^[[2J
        #expect(DisplayWidth.of("a\u{9B}b") == 3)  // a U+FFFD b
    }

    @Test func unprintableScalarsBecomeReplacementCharacters() {
        #expect(Array(TextCells("\u{378}")).map(\.symbol) == ["\u{FFFD}"])
    }

    @Test func aLeadingMarkSitsOnABlank() {
        #expect(Array(TextCells("\u{301}a")).map(\.symbol) == [" \u{301}", "a"])
    }

    @Test func truncateAddsAnEllipsisAndNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("山田太郎", to: 4) == "山…")
        #expect(DisplayWidth.truncate("山田太郎", to: 5) == "山田…")
        #expect(DisplayWidth.truncate("abc", to: 3) == "abc")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func padFillsToTheExactWidthWithAlignment() {
        #expect(DisplayWidth.pad("山", to: 4) == "山  ")
        #expect(DisplayWidth.pad("ab", to: 4, alignment: .right) == "  ab")
        #expect(DisplayWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(DisplayWidth.of(DisplayWidth.pad("山田太郎", to: 5)) == 5)
    }
}
