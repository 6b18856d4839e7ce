import TUI

/// A dialog for an action that needs a note (resolve, waive, add a flag): it names the target by its
/// canonical id, optionally offers a choice (the flag vocabulary), and confirms only with a note.
///
/// The guard rules of ``ConfirmDialogState`` apply: Cancel has the focus, keys in the first 300 ms
/// are ignored. Tab moves the focus between the note, Cancel and Confirm; ↑/↓ change the choice.
struct NoteDialog: Sendable {
    enum Focus: Sendable, Hashable { case note, cancel, confirm }

    enum Outcome: Sendable, Hashable { case pending, cancelled, confirmed }

    /// What the person gave: the note and the chosen value, if the dialog offered a choice.
    struct Answer: Sendable, Hashable {
        var note: String
        var choice: String?
    }

    /// The screen that opened the dialog and gets its ``request`` back once confirmed.
    let owner: Screen
    /// The owner's own description of what to do (its `WorkbenchScreen.Request`).
    let request: any Sendable
    var title: String
    var lines: [String]
    var choices: [String] = []
    var choice = 0
    var note = TextInputState()
    var focus: Focus = .cancel
    let openedAt: Timestamp

    init(owner: Screen, request: any Sendable, title: String, lines: [String], choices: [String] = [],
         openedAt: Timestamp) {
        self.owner = owner
        self.request = request
        self.title = title
        self.lines = lines
        self.choices = choices
        self.openedAt = openedAt
    }

    var chosen: String? { choices.indices.contains(choice) ? choices[choice] : nil }

    /// The note and choice as confirmed.
    var answer: Answer { Answer(note: note.text, choice: chosen) }

    mutating func handle(_ key: Key, at now: Timestamp) -> Outcome {
        if now - openedAt < ConfirmDialogState.guardInterval { return .pending }
        switch key {
        case .escape: return .cancelled
        case .tab: focus = focus == .note ? .cancel : (focus == .cancel ? .confirm : .note)
        case .backTab: focus = focus == .note ? .confirm : (focus == .cancel ? .note : .cancel)
        case .up: choice = max(0, choice - 1)
        case .down: choice = min(max(0, choices.count - 1), choice + 1)
        case .enter:
            switch focus {
            case .cancel: return .cancelled
            case .note: focus = .confirm
            case .confirm:
                return note.text.trimmingCharacters(in: .whitespaces).isEmpty ? .pending : .confirmed
            }
        default:
            if focus != .note, case .character = key { focus = .note }
            _ = note.handle(key)
        }
        return .pending
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let shownChoices = min(choices.count, 6)
        let width = min(area.width, max(44, (lines.map(DisplayWidth.of).max() ?? 0) + 4))
        let height = min(area.height, lines.count + shownChoices + (shownChoices > 0 ? 1 : 0) + 6)
        let box = area.centered(width: width, height: height)
        let block = Block(title: title, isFocused: true, fillRole: .dialog)
        buffer.fill(box, role: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        var y = inner.y
        for line in lines where y < inner.bottom {
            buffer.write(line, column: inner.x, row: y, width: inner.width, role: .dialog)
            y += 1
        }
        if shownChoices > 0 {
            y += 1
            let first = min(max(0, choice - shownChoices + 1), choices.count - shownChoices)
            for index in first..<first + shownChoices where y < inner.bottom {
                let marker = index == choice ? "> " : "  "
                buffer.write(marker + choices[index], column: inner.x, row: y, width: inner.width,
                             role: index == choice ? .selection : .dialog)
                y += 1
            }
        }
        y += 1
        if y < inner.bottom - 1 {
            var state = note
            TextInput(prompt: "note: ", placeholder: "why", isFocused: focus == .note)
                .render(in: Rect(x: inner.x, y: y, width: inner.width, height: 1), buffer: &buffer, state: &state)
        }
        let buttons = "[ Cancel ]  [ Confirm ]"
        let x = inner.x + max(0, (inner.width - DisplayWidth.of(buttons)) / 2)
        let row = inner.bottom - 1
        buffer.write("[ Cancel ]", column: x, row: row, width: inner.right - x,
                     role: focus == .cancel ? .buttonFocused : .button)
        buffer.write("[ Confirm ]", column: x + 12, row: row, width: max(0, inner.right - x - 12),
                     role: focus == .confirm ? .buttonFocused : .danger)
    }
}
