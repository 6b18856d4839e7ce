import Testing

@testable import TUI
import TestSupport

@Suite struct ConfirmDialogTests {
    private let opened = Timestamp(nanoseconds: 1_000_000_000)
    private var later: Timestamp { opened + .milliseconds(301) }

    @Test func cancelHasTheFocusSoEnterCancels() {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .character("d"))
        #expect(state.focus == .cancel)
        #expect(state.handle(.enter, at: later) == .cancelled)
    }

    @Test func keysInTheFirst300msAreIgnored() {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .character("d"))
        #expect(state.handle(.character("y"), at: opened + .milliseconds(299)) == .pending)
        #expect(state.handle(.tab, at: opened + .milliseconds(100)) == .pending)
        #expect(state.focus == .cancel)
        #expect(state.handle(.character("y"), at: opened + .milliseconds(300)) == .confirmed)
    }

    @Test func theOpeningKeyDoesNotConfirm() {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .enter)
        _ = state.handle(.tab, at: later)
        #expect(state.focus == .confirm)
        #expect(state.handle(.enter, at: later) == .pending)
        var byLetter = ConfirmDialogState(openedAt: opened, openingKey: .character("y"))
        #expect(byLetter.handle(.character("y"), at: later) == .pending)
    }

    @Test func tabThenEnterConfirms() {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .character("d"))
        _ = state.handle(.tab, at: later)
        #expect(state.handle(.enter, at: later) == .confirmed)
    }

    @Test func escapeAndNCancel() {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .character("d"))
        #expect(state.handle(.escape, at: later) == .cancelled)
        #expect(state.handle(.character("n"), at: later) == .cancelled)
    }

    @Test func typedConfirmationNeedsTheExactPhrase() {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .character("D"), requiredPhrase: "1204")
        #expect(state.handle(.character("y"), at: later) == .pending)  // typed, not a shortcut
        _ = state.handle(.backspace, at: later)
        _ = state.handle(.tab, at: later)
        #expect(state.handle(.enter, at: later) == .pending)
        for digit in "120" { _ = state.handle(.character(digit), at: later) }
        #expect(!state.canConfirm)
        #expect(state.handle(.enter, at: later) == .pending)
        _ = state.handle(.character("4"), at: later)
        #expect(state.canConfirm)
        #expect(state.handle(.enter, at: later) == .confirmed)
    }

    @Test(arguments: snapshotSizes)
    func dialogSnapshot(size: Size) {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .character("d"))
        let dialog = ConfirmDialog(
            title: "Delete objects?",
            message: [
                "Delete 3 objects from tier cold:", "sha256:ab12… " + Fixtures.clearScreen, "This cannot be undone.",
            ],
            confirmLabel: "Delete"
        )
        let buffer = render(size) { dialog.render(in: $0.area, buffer: &$0, state: &state) }
        assertSnapshot(buffer, named: "confirm-dialog-\(size.tag)")
    }

    @Test(arguments: snapshotSizes)
    func typedDialogSnapshot(size: Size) {
        var state = ConfirmDialogState(openedAt: opened, openingKey: .character("D"), requiredPhrase: "1204")
        for digit in "12" { _ = state.handle(.character(digit), at: later) }
        let dialog = ConfirmDialog(
            title: "Purge",
            message: ["Purge 1204 objects " + Fixtures.cjk],
            confirmLabel: "Purge"
        )
        let buffer = render(Size(width: size.width, height: size.height + 2)) {
            dialog.render(in: $0.area, buffer: &$0, state: &state)
        }
        assertSnapshot(buffer, named: "confirm-dialog-typed-\(size.tag)")
    }
}

/// A screen with one destructive action behind a dialog, driven through the runtime's clock.
private struct DeleteScreen: Program {
    struct Model {
        var dialog: ConfirmDialogState?
        var deleted = 0
    }

    typealias Message = Never

    func update(_ model: inout Model, _ event: Event<Never>, now: Timestamp) -> Command<Never> {
        guard case .key(let key) = event else { return .none }
        if var dialog = model.dialog {
            switch dialog.handle(key, at: now) {
            case .pending: model.dialog = dialog
            case .cancelled: model.dialog = nil
            case .confirmed:
                model.dialog = nil
                model.deleted += 1
            }
        } else if key == .character("d") {
            model.dialog = ConfirmDialogState(openedAt: now, openingKey: key)
        }
        return .none
    }

    func view(_ model: Model, into buffer: inout Buffer) {
        guard var state = model.dialog else { return }
        ConfirmDialog(title: "Delete?", message: ["Delete 1 object?"]).render(
            in: buffer.area,
            buffer: &buffer,
            state: &state
        )
    }
}

@MainActor
@Suite struct ConfirmDialogRuntimeTests {
    @Test func keyRepeatsRightAfterOpeningAreIgnoredByTheRuntimeClock() throws {
        let clock = VirtualClock()
        let backend = TestBackend(width: 40, height: 10, clock: clock)
        let runtime = Runtime(
            program: DeleteScreen(),
            model: DeleteScreen.Model(),
            backend: backend,
            theme: Theme(name: "t", roles: [:]),
            clock: clock
        )
        runtime.dispatch(.key(.character("d")))
        clock.advance(by: .milliseconds(30))
        runtime.dispatch(.key(.character("d")))  // auto-repeat of the opening key
        runtime.dispatch(.key(.character("y")))  // typed ahead
        #expect(runtime.model.dialog != nil && runtime.model.deleted == 0)
        try runtime.render()
        #expect(backend.screen.text.contains("[ Cancel ]"))
        clock.advance(by: .milliseconds(300))
        runtime.dispatch(.key(.character("d")))
        #expect(runtime.model.dialog != nil, "the opening key never confirms")
        runtime.dispatch(.key(.character("y")))
        #expect(runtime.model.dialog == nil && runtime.model.deleted == 1)
    }
}
