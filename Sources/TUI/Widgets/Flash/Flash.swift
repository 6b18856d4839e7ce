/// A short-lived message on the flash line: the result of an action or an error.
public struct FlashMessage: Sendable, Hashable {
    public enum Level: Sendable, Hashable {
        case info, success, warning, error

        var role: Role {
            switch self {
            case .info: .info
            case .success: .success
            case .warning: .warning
            case .error: .error
            }
        }
    }

    /// Untrusted text is fine (an error may quote a file name); it is sanitized when drawn.
    public var text: String
    public var level: Level
    public var expires: Timestamp

    /// A message shown from `now` for `duration` (errors default to longer).
    public init(_ text: String, level: Level = .info, at now: Timestamp, for duration: Duration? = nil) {
        self.text = text
        self.level = level
        expires = now + (duration ?? (level == .error ? .seconds(8) : .seconds(4)))
    }

    /// Whether it is still shown at `now`.
    public func isVisible(at now: Timestamp) -> Bool { now < expires }
}

/// Draws the current ``FlashMessage`` (if still visible at ``now``) on one row.
public struct FlashLine: Widget, Sendable {
    public var message: FlashMessage?
    public var now: Timestamp

    public init(message: FlashMessage?, now: Timestamp) {
        self.message = message
        self.now = now
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, role: .normal)
        guard let message, message.isVisible(at: now) else { return }
        buffer.write(message.text, column: row.x + 1, row: row.y, width: row.width - 1, role: message.level.role)
    }
}
