/// What a ``Program``'s `update` reacts to.
public enum Event<Message: Sendable>: Sendable {
    case key(Key)
    /// A click or a wheel turn (only when the backend reports the mouse).
    case mouse(MouseEvent)
    /// The terminal changed size; the next frame is drawn in full.
    case resize(Size)
    /// A tick at the rate the program asked for (``TickRate``).
    case tick(Timestamp)
    /// The result of a ``Command``.
    case message(Message)
}

/// What a ``Backend`` read from the terminal.
public enum InputEvent: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// The terminal is gone: SIGHUP, end of input or an I/O error (a dropped SSH session).
    case hangup
}

/// How often a program wants ticks: often while something moves, never when idle, so an idle
/// workbench uses no CPU.
public enum TickRate: Sendable, Hashable {
    case idle
    case every(Duration)
}
