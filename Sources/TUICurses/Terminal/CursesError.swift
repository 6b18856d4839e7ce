/// Why the ncurses terminal could not be used.
public struct CursesError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// `newterm` failed: no terminal, or an unknown `TERM`.
        case cannotStart
        /// The terminal was already started in this process.
        case alreadyStarted
    }

    public var kind: Kind
    public var message: String

    public var description: String { "terminal: \(message)" }
}
