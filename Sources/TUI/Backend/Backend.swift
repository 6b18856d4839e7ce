/// A terminal the ``Runtime`` draws on and reads keys from: ncurses in `TUICurses`,
/// ``TestBackend`` in tests.
///
/// All calls come from the main actor, one loop iteration at a time: draw the changed cells,
/// ``flush()`` once, then ``readInput(timeout:)``.
@MainActor
public protocol Backend: AnyObject {
    /// The current size of the terminal.
    var size: Size { get }
    /// What the terminal can show.
    var capabilities: TerminalCapabilities { get }
    /// Copies changed cells to the (off-screen) terminal state.
    func draw(_ changes: [CellChange]) throws
    /// Sends everything drawn since the last flush to the terminal in one update.
    func flush() throws
    /// Waits up to `timeout` (nil: indefinitely) for input; nil when the time ran out or a waker
    /// (``makeWaker()``) was called.
    func readInput(timeout: Duration?) throws -> InputEvent?
    /// A function any thread may call to end a ``readInput(timeout:)`` in progress (or the next one)
    /// early, or nil when the backend has none. The ``Runtime`` hands it to its ``Mailbox`` so that a
    /// command's result is drawn as soon as it is posted, not at the next poll.
    func makeWaker() -> (@Sendable () -> Void)?
}

extension Backend {
    public func makeWaker() -> (@Sendable () -> Void)? { nil }
}

/// What a terminal can show, as found out by the backend.
public struct TerminalCapabilities: Sendable, Hashable {
    public var colorDepth: ColorDepth
    /// Whether the locale is UTF-8, so that box drawing and non-ASCII text can be shown.
    public var unicode: Bool

    public init(colorDepth: ColorDepth, unicode: Bool) {
        self.colorDepth = colorDepth
        self.unicode = unicode
    }

    /// The glyph set for these capabilities.
    public var glyphs: Glyphs { unicode ? .unicode : .ascii }
}
