import TUI

/// A dialog for an action that needs a note (resolve, waive, reopen, add a flag, decide a promotion): it
/// names the target by its canonical id, optionally offers a choice (the flag codes that fit the target)
/// and a second one (the new flag's severity), and confirms only with a note.
///
/// The note has the focus, so typing goes where the cursor shows; Enter confirms once a note is typed
/// (from the note, the option or Confirm) and cancels from Cancel; Esc cancels. Keys in the first 300 ms
/// are ignored (``ConfirmDialogState/guardInterval``), so a key meant for the screen cannot confirm. Tab
/// moves the focus between the note, the option, Cancel and Confirm; ↑/↓ change the choice, ←/→ the
/// option while it has the focus.
struct NoteDialog: Sendable {
    enum Focus: Sendable, Hashable { case note, option, cancel, confirm }

    enum Outcome: Sendable, Hashable { case pending, cancelled, confirmed }

    /// What the person gave: the note and the chosen values, if the dialog offered them.
    struct Answer: Sendable, Hashable {
        var note: String
        var choice: String?
        var option: String? = nil
    }

    /// A second choice changed with ←/→ (the severity of a new flag). Until the person changes it, it
    /// follows the first choice: `defaults[choice]` is its index for each choice (a code's severity).
    struct Option: Sendable, Hashable {
        var label: String
        var values: [String]
        var defaults: [Int] = []
        var selected = 0
        var changed = false
    }

    /// The screen that opened the dialog and gets its ``request`` back once confirmed.
    let owner: Screen
    /// The owner's own description of what to do (its `WorkbenchScreen.Request`).
    let request: any Sendable
    var title: String
    var lines: [String]
    var choices: [String] = []
    var choice = 0
    var option: Option?
    var note = TextInputState()
    var focus: Focus = .note
    let openedAt: Timestamp

    init(owner: Screen, request: any Sendable, title: String, lines: [String], choices: [String] = [],
         option: Option? = nil, openedAt: Timestamp) {
        self.owner = owner
        self.request = request
        self.title = title
        self.lines = lines
        self.choices = choices
        self.option = option
        self.openedAt = openedAt
        followChoice()
    }

    var chosen: String? { choices.indices.contains(choice) ? choices[choice] : nil }

    /// The option's value, if the dialog offers one.
    var chosenOption: String? {
        option.flatMap { $0.values.indices.contains($0.selected) ? $0.values[$0.selected] : nil }
    }

    /// The note and choices as confirmed.
    var answer: Answer { Answer(note: note.text, choice: chosen, option: chosenOption) }

    /// Whether a note is typed (spaces alone are none).
    var hasNote: Bool { !note.text.trimmingCharacters(in: .whitespaces).isEmpty }

    mutating func handle(_ key: Key, at now: Timestamp) -> Outcome {
        if now - openedAt < ConfirmDialogState.guardInterval { return .pending }
        switch key {
        case .escape: return .cancelled
        case .tab: focus = next(after: focus, step: 1)
        case .backTab: focus = next(after: focus, step: -1)
        case .up:
            choice = max(0, choice - 1)
            followChoice()
        case .down:
            choice = min(max(0, choices.count - 1), choice + 1)
            followChoice()
        case .left where focus == .option: moveOption(by: -1)
        case .right where focus == .option: moveOption(by: 1)
        case .enter:
            if focus == .cancel { return .cancelled }
            guard hasNote else {
                focus = .note
                return .pending
            }
            return .confirmed
        default:
            if focus != .note, case .character = key { focus = .note }
            _ = note.handle(key)
        }
        return .pending
    }

    /// The focus order: the note, the option (when there is one), Cancel, Confirm.
    private func next(after focus: Focus, step: Int) -> Focus {
        let order: [Focus] = option == nil ? [.note, .cancel, .confirm] : [.note, .option, .cancel, .confirm]
        let index = order.firstIndex(of: focus) ?? 0
        return order[(index + step + order.count) % order.count]
    }

    private mutating func moveOption(by delta: Int) {
        guard var option, !option.values.isEmpty else { return }
        option.selected = min(max(0, option.selected + delta), option.values.count - 1)
        option.changed = true
        self.option = option
    }

    /// Sets the option to the chosen value's default, unless the person changed it.
    private mutating func followChoice() {
        guard var option, !option.changed, option.defaults.indices.contains(choice) else { return }
        option.selected = option.defaults[choice]
        self.option = option
    }

    func render(in area: Rect, buffer: inout Buffer) {
        let shownChoices = min(choices.count, 6)
        let width = min(area.width, max(44, (lines.map(DisplayWidth.of).max() ?? 0) + 4))
        let optionRows = option == nil ? 0 : 1
        let height = min(area.height, lines.count + shownChoices + (shownChoices > 0 ? 1 : 0) + optionRows + 6)
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
        if let option, let value = chosenOption, y < inner.bottom {
            let text = "\(option.label): < \(value) >" + (focus == .option ? "  (left/right)" : "  (Tab, left/right)")
            buffer.write(text, column: inner.x, row: y, width: inner.width,
                         role: focus == .option ? .selection : .dialog)
            y += 1
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
