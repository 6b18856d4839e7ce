import Foundation
import Synchronization
import LakeEngine
import TUI
@testable import Workbench

/// The workbench on a ``TestBackend`` with a virtual clock: type keys, let the catalog commands finish,
/// read the screen.
@MainActor
final class Harness {
    let clock = VirtualClock()
    let backend: TestBackend
    let runtime: Runtime<Workbench>
    /// What `y` copied, in order.
    let copied = CopyLog()

    convenience init(
        lake: Lake, width: Int = 100, height: Int = 30, screen: Screen = .overview,
        workerLauncher: WorkerLauncher? = nil, notice: String? = nil
    ) throws {
        try self.init(
            api: lake, engine: lake, session: WorkbenchSession(lake: lake), width: width, height: height, screen: screen,
            workerLauncher: workerLauncher, notice: notice)
    }

    /// The workbench on any transport of the API (a ``LakeClient`` on a served lake: `engine` nil).
    init(
        api: any LakeAPI, engine: Lake?, session: WorkbenchSession, width: Int = 100, height: Int = 30,
        screen: Screen = .overview, workerLauncher: WorkerLauncher? = nil, notice: String? = nil
    ) throws {
        backend = TestBackend(width: width, height: height, clock: clock)
        let fixed = Date(timeIntervalSince1970: 1_790_000_000)
        runtime = Runtime(
            program: Workbench(api: api, engine: engine, session: session, workerLauncher: workerLauncher,
                               wallClock: { fixed }, clipboard: Clipboard { [copied] in copied.append($0) }),
            model: WorkbenchModel(size: Size(width: width, height: height), screen: screen, notice: notice),
            backend: backend,
            theme: try ThemeLoader().load("default"), noColor: true, clock: clock)
    }

    var model: WorkbenchModel { runtime.model }

    /// Runs the first loop iterations (the start tick) and waits for the loads.
    func start() async throws {
        try runtime.step()
        await settle()
    }

    /// Waits for every running command and their follow-ups, then draws.
    func settle() async {
        for _ in 0..<4 { await runtime.settle() }
        try? runtime.render()
    }

    /// Presses `keys` one by one, letting each key's commands finish.
    func press(_ keys: Key...) async {
        for key in keys {
            runtime.dispatch(.key(key))
            await settle()
        }
    }

    /// Delivers one tick (the runtime's poll) and lets its commands finish.
    func tick() async {
        runtime.dispatch(.tick(clock.now))
        await settle()
    }

    /// Delivers polls (a tick each, the virtual clock moved by the poll interval) until `done` holds or
    /// `timeout` of wall time passed: for what arrives on the lake's change feed, whose pace is not ours.
    func poll(until done: () -> Bool, timeout: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if done() { return true }
            wait(Workbench.pollInterval)
            await tick()
            try? await Task.sleep(for: .milliseconds(20))
        }
        return done()
    }

    /// Types `text` as characters.
    func type(_ text: String) async {
        for character in text { await press(.character(character)) }
    }

    /// Moves the clock past a dialog's guard interval.
    func wait(_ duration: Duration = .seconds(1)) {
        clock.advance(by: duration)
    }

    /// Presses keys until `done` holds (at most `limit` presses); false if it never did.
    func press(_ key: Key, until done: () -> Bool, limit: Int = 50) async -> Bool {
        for _ in 0..<limit {
            if done() { return true }
            await press(key)
        }
        return done()
    }

    var screen: Buffer { backend.screen }
    var text: String { backend.screen.text }
}

/// The values a test's clipboard received.
final class CopyLog: Sendable {
    private let values = Mutex<[String]>([])

    func append(_ value: String) { values.withLock { $0.append(value) } }
    var all: [String] { values.withLock { $0 } }
}
