import LakeEngine
import TUI
import Testing
@testable import Workbench

/// Dialogs: the note has the focus, Enter submits once a note is typed, Esc cancels; the severity of a
/// new flag follows the chosen code until changed with ←/→.
@Suite struct NoteDialogTests {
    static let opened = Timestamp(nanoseconds: 0)
    static let later = Timestamp(nanoseconds: 2_000_000_000)

    static func dialog(choices: [String] = [], option: NoteDialog.Option? = nil) -> NoteDialog {
        NoteDialog(owner: .flags, request: FlagRequest.resolve(flagIDs: [1]), title: "Resolve flag 1", lines: [],
                   choices: choices, option: option, openedAt: opened)
    }

    @Test func typingGoesToTheNoteAndEnterSubmitsOnceANoteIsTyped() {
        var dialog = Self.dialog()
        #expect(dialog.focus == .note)
        #expect(dialog.handle(.enter, at: Self.later) == .pending, "no note yet")
        for character in "done" { _ = dialog.handle(.character(character), at: Self.later) }
        #expect(dialog.note.text == "done")
        #expect(dialog.handle(.enter, at: Self.later) == .confirmed)
        #expect(dialog.answer.note == "done")
    }

    @Test func enterOnCancelAndEscCancel() {
        var dialog = Self.dialog()
        for character in "x" { _ = dialog.handle(.character(character), at: Self.later) }
        _ = dialog.handle(.tab, at: Self.later)
        #expect(dialog.focus == .cancel)
        #expect(dialog.handle(.enter, at: Self.later) == .cancelled)
        var other = Self.dialog()
        #expect(other.handle(.escape, at: Self.later) == .cancelled)
    }

    @Test func keysInTheGuardIntervalAreIgnored() {
        var dialog = Self.dialog()
        #expect(dialog.handle(.escape, at: Self.opened) == .pending)
        #expect(dialog.handle(.character("a"), at: Self.opened) == .pending)
        #expect(dialog.note.text.isEmpty)
    }

    @Test func theSeverityFollowsTheCodeUntilChanged() {
        let option = NoteDialog.Option(label: "severity", values: ["info", "warning", "blocking"], defaults: [0, 2, 1])
        var dialog = Self.dialog(choices: ["needs-review", "wrong-label", "artifact"], option: option)
        #expect(dialog.answer.option == "info")
        _ = dialog.handle(.down, at: Self.later)
        #expect(dialog.answer.choice == "wrong-label")
        #expect(dialog.answer.option == "blocking")
        _ = dialog.handle(.right, at: Self.later)
        #expect(dialog.answer.option == "blocking", "←/→ edit the note until the option has the focus")
        _ = dialog.handle(.tab, at: Self.later)
        #expect(dialog.focus == .option)
        _ = dialog.handle(.left, at: Self.later)
        #expect(dialog.answer.option == "warning")
        _ = dialog.handle(.down, at: Self.later)
        #expect(dialog.answer.choice == "artifact")
        #expect(dialog.answer.option == "warning", "a severity the person chose stays")
    }
}
