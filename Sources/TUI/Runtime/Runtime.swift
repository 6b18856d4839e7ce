/// Runs a ``Program`` on a ``Backend``: reads input, dispatches events, runs commands, ticks and
/// draws only the cells that changed.
///
/// One loop iteration: draw (if anything was dispatched since the last frame), wait for input until
/// the next tick is due (indefinitely when idle), dispatch it, drain the ``Mailbox``, tick if due.
/// A command's message ends the wait at once where the backend has a waker (``Backend/makeWaker()``);
/// while commands are running the wait is also capped at ``commandPollInterval``, for backends without one. Tests drive the same machinery step by step with ``dispatch(_:)``,
/// ``step()`` and ``settle()`` on a ``VirtualClock``.
///
/// - warning: Main actor only; commands run on the global executor and talk back only through the
///   mailbox.
@MainActor
public final class Runtime<P: Program> {
    public let program: P
    public private(set) var model: P.Model
    public let backend: any Backend
    public let clock: any RuntimeClock
    /// Where commands post their messages; posting wakes the backend's input wait.
    public let mailbox: Mailbox<P.Message>
    /// Styles and glyphs frames are drawn with.
    public private(set) var palette: Palette
    /// Frames that changed at least one cell.
    public private(set) var framesDrawn = 0
    /// Whether a quit command or a hangup ended the loop.
    public private(set) var isFinished = false

    /// The longest wait for input while commands are still running.
    public var commandPollInterval: Duration = .milliseconds(20)

    private var previous: Buffer?
    private var dirty = true
    private var nextTick: Timestamp?

    /// A runtime for `program` starting at `model`. The palette is `theme` at the backend's colour
    /// depth, or without colours when `noColor` (the `NO_COLOR` convention) is set.
    public init(
        program: P,
        model: P.Model,
        backend: any Backend,
        theme: Theme,
        noColor: Bool = false,
        clock: any RuntimeClock = MonotonicClock()
    ) {
        self.program = program
        self.model = model
        self.backend = backend
        self.clock = clock
        mailbox = Mailbox(wake: backend.makeWaker())
        let capabilities = backend.capabilities
        palette = theme.palette(depth: noColor ? .monochrome : capabilities.colorDepth, glyphs: capabilities.glyphs)
    }

    // MARK: - Loop

    /// Runs until the program quits or the terminal hangs up.
    public func run() throws {
        while !isFinished { try step() }
    }

    /// One iteration of the loop.
    public func step() throws {
        try render()
        scheduleTick()
        let status = mailbox.status
        var timeout = nextTick.map { max(.zero, $0 - clock.now) }
        if status.waiting {
            timeout = .zero
        } else if status.running > 0 {
            timeout = min(timeout ?? commandPollInterval, commandPollInterval)
        }
        if let input = try backend.readInput(timeout: timeout) {
            switch input {
            case .key(let key): dispatch(.key(key))
            case .mouse(let mouse): dispatch(.mouse(mouse))
            case .resize(let size):
                previous = nil
                dispatch(.resize(size))
            case .hangup: isFinished = true
            }
        }
        drainMailbox()
        if let due = nextTick, clock.now >= due {
            nextTick = nil
            dispatch(.tick(clock.now))
        }
    }

    /// Hands `event` to the program's `update` and starts the commands it returns.
    public func dispatch(_ event: Event<P.Message>) {
        let command = program.update(&model, event, now: clock.now)
        dirty = true
        perform(command)
    }

    /// Dispatches every message waiting in the mailbox.
    public func drainMailbox() {
        for message in mailbox.drain() { dispatch(.message(message)) }
    }

    /// Waits for every running command, then dispatches their messages (for tests).
    public func settle() async {
        while mailbox.status.running > 0 {
            try? await Task.sleep(for: .milliseconds(1))
        }
        drainMailbox()
    }

    /// Draws a frame if anything was dispatched since the last one, sending only changed cells.
    public func render() throws {
        guard dirty else { return }
        dirty = false
        let size = backend.size
        var buffer = Buffer(width: size.width, height: size.height, palette: palette)
        program.view(model, into: &buffer)
        let changes = buffer.changes(from: previous)
        previous = buffer
        guard !changes.isEmpty else { return }
        try backend.draw(changes)
        try backend.flush()
        framesDrawn += 1
    }

    // MARK: - Private

    private func scheduleTick() {
        switch program.tickRate(model) {
        case .idle: nextTick = nil
        case .every(let interval):
            let now = clock.now
            if nextTick == nil || nextTick.map({ $0 > now + interval }) == true { nextTick = now + interval }
        }
    }

    private func perform(_ command: Command<P.Message>) {
        switch command.kind {
        case .none: break
        case .quit: isFinished = true
        case .batch(let commands): commands.forEach(perform)
        case .task(let work):
            let mailbox = mailbox
            mailbox.workStarted()
            Task.detached {
                let message = await work()
                mailbox.workFinished(with: message)
            }
        }
    }
}
