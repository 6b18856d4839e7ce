import Synchronization

/// An in-memory terminal for tests: keeps the screen as a ``Buffer``, replays scripted input and
/// moves a ``VirtualClock`` instead of waiting.
///
/// When the script is empty, a read with a timeout advances the clock by the timeout and returns
/// nothing; a read without one (the program is idle) returns ``InputEvent/hangup`` so a test run ends.
@MainActor
public final class TestBackend: Backend {
    public private(set) var size: Size
    public let capabilities: TerminalCapabilities
    /// What the terminal shows now.
    public private(set) var screen: Buffer
    /// Number of flushes, i.e. frames sent.
    public private(set) var flushes = 0
    /// Cells sent per flush, in order.
    public private(set) var cellsPerFlush: [Int] = []
    /// The timeouts the runtime waited with, in order (nil: blocked until input).
    public private(set) var waits: [Duration?] = []
    /// How many times the waker (``makeWaker()``) was called, from any thread.
    public var wakes: Int { wakeCount.value.load(ordering: .relaxed) }
    private let wakeCount = WakeCount()
    private var pendingCells = 0
    private var script: [InputEvent] = []
    private let clock: VirtualClock

    public init(
        width: Int,
        height: Int,
        capabilities: TerminalCapabilities = .init(colorDepth: .ansi256, unicode: true),
        clock: VirtualClock
    ) {
        size = Size(width: width, height: height)
        self.capabilities = capabilities
        self.clock = clock
        screen = Buffer(width: width, height: height)
    }

    /// Queues input for the runtime to read.
    public func enqueue(_ events: InputEvent...) {
        script.append(contentsOf: events)
    }

    /// Queues key presses.
    public func type(_ keys: Key...) {
        script.append(contentsOf: keys.map(InputEvent.key))
    }

    public func draw(_ changes: [CellChange]) throws {
        for change in changes { screen.set(change.cell, column: change.column, row: change.row) }
        pendingCells += changes.count
    }

    public func flush() throws {
        flushes += 1
        cellsPerFlush.append(pendingCells)
        pendingCells = 0
    }

    /// Counts its calls (``wakes``); reads do not wait anyway.
    public func makeWaker() -> (@Sendable () -> Void)? {
        let count = wakeCount
        return { count.value.add(1, ordering: .relaxed) }
    }

    public func readInput(timeout: Duration?) throws -> InputEvent? {
        waits.append(timeout)
        if !script.isEmpty {
            let event = script.removeFirst()
            if case .resize(let newSize) = event {
                size = newSize
                screen = Buffer(width: newSize.width, height: newSize.height)
            }
            return event
        }
        guard let timeout else { return .hangup }
        clock.advance(by: timeout)
        return nil
    }
}

/// The count of a ``TestBackend``'s wakes, shared with the waker it handed out.
private final class WakeCount: Sendable {
    let value = Atomic<Int>(0)
}
