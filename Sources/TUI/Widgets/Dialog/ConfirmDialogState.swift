/// The rules of a ``ConfirmDialog``: focus, the opening key, the 300 ms guard and typed phrases.
///
/// Feed it keys with the runtime clock's time; it answers what happened. It never reads a clock.
public struct ConfirmDialogState: Sendable, Hashable {
    /// Which button has the focus.
    public enum Focus: Sendable, Hashable {
        case cancel, confirm
    }

    /// What a key did.
    public enum Outcome: Sendable, Hashable {
        /// Nothing decided yet (the key moved focus, was typed, or was ignored).
        case pending
        case cancelled
        case confirmed
    }

    /// Keys arriving sooner than this after opening are ignored.
    public static let guardInterval: Duration = .milliseconds(300)

    public private(set) var focus: Focus = .cancel
    /// The key that opened the dialog; it is inert inside it.
    public let openingKey: Key?
    public let openedAt: Timestamp
    /// The phrase to type before Confirm works, for bulk irreversible actions.
    public let requiredPhrase: String?
    /// What has been typed towards ``requiredPhrase``.
    public var typed = TextInputState()

    public init(openedAt: Timestamp, openingKey: Key?, requiredPhrase: String? = nil) {
        self.openedAt = openedAt
        self.openingKey = openingKey
        self.requiredPhrase = requiredPhrase
    }

    /// Whether confirming is allowed now (the phrase, if any, has been typed exactly).
    public var canConfirm: Bool {
        requiredPhrase.map { typed.text == $0 } ?? true
    }

    /// Applies `key` pressed at `now`.
    ///
    /// Esc cancels; Tab, ←/→ (and h/l without a phrase) move the focus; Enter activates the focused
    /// button; `y` confirms directly when no phrase is required, `n` cancels. With a phrase, other
    /// keys edit the typed text, and Enter confirms only with the focus on Confirm and the phrase right.
    public mutating func handle(_ key: Key, at now: Timestamp) -> Outcome {
        if now - openedAt < Self.guardInterval { return .pending }
        if key == openingKey, key != .escape { return .pending }
        switch key {
        case .escape: return .cancelled
        case .tab, .backTab, .left, .right:
            focus = focus == .cancel ? .confirm : .cancel
            return .pending
        case .enter:
            if focus == .cancel { return .cancelled }
            return canConfirm ? .confirmed : .pending
        default:
            break
        }
        if requiredPhrase != nil {
            _ = typed.handle(key)
            return .pending
        }
        switch key {
        case .character("h"), .character("l"):
            focus = focus == .cancel ? .confirm : .cancel
            return .pending
        case .character("y"), .character("Y"): return .confirmed
        case .character("n"), .character("N"): return .cancelled
        default: return .pending
        }
    }
}
