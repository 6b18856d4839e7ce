import Testing

@testable import TUI
import TestSupport

@Suite struct TextInputTests {
    private func type(_ text: String, into state: inout TextInputState) {
        for c in text { _ = state.handle(.character(c)) }
    }

    @Test func editingKeys() {
        var state = TextInputState()
        type("hello world", into: &state)
        _ = state.handle(.control("w"))
        #expect(state.text == "hello ")
        _ = state.handle(.home)
        type(">", into: &state)
        #expect(state.text == ">hello " && state.cursor == 1)
        _ = state.handle(.delete)
        _ = state.handle(.control("k"))
        #expect(state.text == ">")
        _ = state.handle(.backspace)
        #expect(state.text.isEmpty)
        let usedEnter = state.handle(.enter)
        #expect(!usedEnter)
    }

    @Test func historyRecallKeepsTheDraft() {
        var state = TextInputState()
        type("first", into: &state)
        #expect(state.commit() == "first")
        type("second", into: &state)
        _ = state.commit()
        type("second", into: &state)
        _ = state.commit()
        #expect(state.history == ["first", "second"])
        type("draft", into: &state)
        _ = state.handle(.up)
        #expect(state.text == "second")
        _ = state.handle(.up)
        _ = state.handle(.up)
        #expect(state.text == "first")
        _ = state.handle(.down)
        _ = state.handle(.down)
        #expect(state.text == "draft")
    }

    @Test(arguments: snapshotSizes)
    func inputAndFilterSnapshot(size: Size) {
        var long = TextInputState()
        type("patient " + Fixtures.cjk + " " + Fixtures.clearScreen + " and a long tail of text", into: &long)
        var middle = TextInputState()
        type(Fixtures.emoji + Fixtures.combining, into: &middle)
        _ = middle.handle(.home)
        var empty = TextInputState()
        let buffer = render(Size(width: size.width, height: 3)) { buffer in
            TextInput(prompt: "> ").render(in: buffer.area.row(0), buffer: &buffer, state: &long)
            TextInput(prompt: "> ").render(in: buffer.area.row(1), buffer: &buffer, state: &middle)
            FilterLine(matchCount: 12, totalCount: 1_000_000).render(
                in: buffer.area.row(2),
                buffer: &buffer,
                state: &empty
            )
        }
        assertSnapshot(buffer, named: "text-input-\(size.tag)")
    }
}
