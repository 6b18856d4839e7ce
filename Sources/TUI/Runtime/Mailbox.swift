import Synchronization

/// Where background work posts its messages; the runtime drains it once per loop.
///
/// Thread-safe: a `Mutex` guards the queue and the count of work still running, so commands on any
/// executor can post while the main actor drains.
public final class Mailbox<Message: Sendable>: Sendable {
    private struct State {
        var messages: [Message] = []
        var running = 0
    }

    private let state = Mutex(State())
    /// Called after each message is queued (the backend's waker, so the input wait ends).
    private let wake: (@Sendable () -> Void)?

    /// A mailbox that calls `wake` whenever a message is queued.
    public init(wake: (@Sendable () -> Void)? = nil) {
        self.wake = wake
    }

    /// Queues `message`.
    public func post(_ message: Message) {
        state.withLock { $0.messages.append(message) }
        wake?()
    }

    /// Takes every queued message, oldest first.
    public func drain() -> [Message] {
        state.withLock { state in
            defer { state.messages.removeAll(keepingCapacity: true) }
            return state.messages
        }
    }

    /// Whether messages are waiting, and how much work may still post.
    var status: (waiting: Bool, running: Int) {
        state.withLock { (!$0.messages.isEmpty, $0.running) }
    }

    func workStarted() { state.withLock { $0.running += 1 } }

    /// Posts the result of a finished piece of work (if any) and counts it done, atomically.
    func workFinished(with message: Message?) {
        state.withLock { state in
            if let message { state.messages.append(message) }
            state.running -= 1
        }
        wake?()
    }
}
