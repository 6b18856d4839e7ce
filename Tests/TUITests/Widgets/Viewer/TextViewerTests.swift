import Testing

@testable import TUI
import TestSupport

@Suite struct TextViewerTests {
    private let viewer = TextViewer(title: "Row", fields: [
        TextViewer.Field("SOP INSTANCE UID", "1.2.826.0.1.3680043.8.498.12345678901234567890123456789012345678"),
        TextViewer.Field("NOTE", "first line\nsecond \u{1B}[2J line"),
    ])

    @Test func valuesWrapInFullAndAreSanitized() {
        let buffer = render(Size(width: 30, height: 12)) {
            var state = TextViewerState()
            viewer.render(in: $0.area, buffer: &$0, state: &state)
        }
        let text = buffer.text
        let uid = viewer.fields[0].value
        let shown = buffer.text.split(separator: "\n").map { $0.dropFirst(2).dropLast(2).trimmingCharacters(in: " ") }
            .joined()
        #expect(shown.contains(uid), "the whole UID is there, wrapped over lines")
        #expect(!text.contains("\u{1B}"), "control characters never reach the buffer")
        #expect(text.contains("second ^[[2J line"))
    }

    @Test func scrollingStaysWithinTheLines() {
        let area = Rect(x: 0, y: 0, width: 30, height: 6)
        let (lines, height) = viewer.lineCount(in: area)
        #expect(height == 4)
        var state = TextViewerState()
        func press(_ key: Key) -> Bool { state.handle(key, lineCount: lines, height: height) }
        #expect(press(.character("G")))
        #expect(state.offset == lines - height)
        #expect(press(.down))
        #expect(state.offset == lines - height, "never past the last line")
        #expect(press(.character("g")))
        #expect(state.offset == 0)
        #expect(!press(.character("x")))
    }

    @Test func wrapPrefersSpacesAndNeverSplitsWideCharacters() {
        #expect(TextViewer.wrap("alpha beta gamma", width: 11) == ["alpha beta ", "gamma"])
        #expect(TextViewer.wrap("山田太郎", width: 3) == ["山", "田", "太", "郎"])
        #expect(TextViewer.wrap("", width: 5) == [""])
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = String(self)
        while let last = text.last, set.contains(last) { text.removeLast() }
        while let first = text.first, set.contains(first) { text.removeFirst() }
        return text
    }
}
