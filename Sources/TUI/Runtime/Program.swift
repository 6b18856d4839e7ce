/// A terminal application in the Elm style: a model, a pure `update` that reacts to events and
/// returns ``Command``s for I/O, and a `view` that draws the model.
///
/// `update` and `view` run on the main actor in the ``Runtime`` loop; they must not block.
public protocol Program {
    associatedtype Model
    associatedtype Message: Sendable

    /// Applies `event`, received at `now` on the runtime clock, and returns work to start.
    func update(_ model: inout Model, _ event: Event<Message>, now: Timestamp) -> Command<Message>

    /// Draws the whole screen for `model`; the buffer covers the terminal and starts blank.
    func view(_ model: Model, into buffer: inout Buffer)

    /// How often to tick in the current state (``TickRate/idle`` when nothing moves).
    func tickRate(_ model: Model) -> TickRate
}

extension Program {
    public func tickRate(_ model: Model) -> TickRate { .idle }
}
