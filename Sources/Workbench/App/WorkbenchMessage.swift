/// Results of commands: catalog reads and writes done off the main actor.
///
/// Each screen's reads answer with its own `WorkbenchScreen.Message`, wrapped in ``screen(_:_:)`` and
/// delivered to that screen only (Bubble Tea's messages are `any` for the same reason: the program
/// routes them, each component knows its own).
public enum WorkbenchMessage: Sendable {
    /// A message for one screen's component.
    case screen(Screen, any Sendable)
    case dataVersion(Int)
    /// A write finished: what to say in the flash line.
    case done(String)
    /// A write that fell short of its aim (an approval whose execution failed): warn, and reload like
    /// ``done(_:)`` because something was recorded.
    case unfinished(String)
    /// An export was written (nothing in the catalog changed, so nothing reloads).
    case exported(String)
    case failed(String)
    /// A value went to the clipboard: how many characters.
    case copied(Int)
}
