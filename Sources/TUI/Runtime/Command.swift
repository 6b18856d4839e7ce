/// Work an `update` asks for instead of doing it: I/O such as a catalog query runs off the main
/// actor and comes back as a message.
///
/// ```swift
/// return .run { .loaded(try? await engine.datasets()) }
/// ```
public struct Command<Message: Sendable>: Sendable {
    enum Kind: Sendable {
        case none
        case quit
        case batch([Command])
        case task(@Sendable () async -> Message?)
    }

    let kind: Kind

    /// Nothing to do.
    public static var none: Command { Command(kind: .none) }
    /// Leave the program after this update.
    public static var quit: Command { Command(kind: .quit) }

    /// Runs `work` on the global executor; its message (if any) is posted to the mailbox.
    public static func run(_ work: @escaping @Sendable () async -> Message?) -> Command {
        Command(kind: .task(work))
    }

    /// Several commands at once.
    public static func batch(_ commands: [Command]) -> Command {
        Command(kind: .batch(commands))
    }
}
