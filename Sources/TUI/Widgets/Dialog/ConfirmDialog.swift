/// A confirmation for a destructive or privileged action, built so it cannot be confirmed by
/// accident (``ConfirmDialogState`` holds the rules):
/// - Cancel has the focus when it opens; Enter on Cancel cancels.
/// - The key that opened it does nothing inside it (pressing `d` twice never deletes).
/// - Keys in the first 300 ms after opening are ignored: they are key repeats or typing ahead.
/// - For bulk irreversible actions a phrase (e.g. the number of objects) must be typed first.
///
/// The message should name canonical ids and counts; it is untrusted text like any other.
public struct ConfirmDialog: StatefulWidget {
    public var title: String
    public var message: [String]
    public var confirmLabel: String
    public var cancelLabel: String

    public init(title: String, message: [String], confirmLabel: String = "Confirm", cancelLabel: String = "Cancel") {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout ConfirmDialogState) {
        let typed = state.requiredPhrase != nil
        let messageWidth = message.map(DisplayWidth.of).max() ?? 0
        let width = min(area.width, max(36, messageWidth + 4))
        let height = min(area.height, message.count + (typed ? 6 : 4))
        let box = area.centered(width: width, height: height)
        buffer.fill(box, role: .dialog)
        let block = Block(title: title, isFocused: true, fillRole: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        var y = inner.y
        for line in message where y < inner.bottom {
            buffer.write(line, column: inner.x, row: y, width: inner.width, role: .dialog)
            y += 1
        }
        if let phrase = state.requiredPhrase, y + 1 < inner.bottom {
            y += 1
            buffer.write("Type " + phrase + " to confirm:", column: inner.x, row: y, width: inner.width, role: .warning)
            y += 1
            TextInput(prompt: "> ").render(
                in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                buffer: &buffer,
                state: &state.typed
            )
        }
        let buttonsY = inner.bottom - 1
        guard buttonsY > inner.y else { return }
        let cancel = "[ " + cancelLabel + " ]"
        let confirm = "[ " + confirmLabel + " ]"
        let total = DisplayWidth.of(cancel) + 2 + DisplayWidth.of(confirm)
        var x = inner.x + max(0, (inner.width - total) / 2)
        let cancelRole: Role = state.focus == .cancel ? .buttonFocused : .button
        let confirmRole: Role = state.focus == .confirm ? .buttonFocused : (state.canConfirm ? .danger : .muted)
        x += buffer.write(cancel, column: x, row: buttonsY, width: inner.right - x, role: cancelRole) + 2
        if x < inner.right {
            buffer.write(confirm, column: x, row: buttonsY, width: inner.right - x, role: confirmRole)
        }
    }
}
