import Testing

@testable import TUI

/// A program with a progress counter that moves while `running`, and a command that "loads" data.
private struct Counter: Program {
    struct Model {
        var running = false
        var progress = 0
        var ticks: [Timestamp] = []
        var loaded: String?
        var keys: [Key] = []
    }

    enum Message: Sendable {
        case loaded(String)
    }

    func update(_ model: inout Model, _ event: Event<Message>, now: Timestamp) -> Command<Message> {
        switch event {
        case .key(.character("s")): model.running = true
        case .key(.character("l")): return .run { .loaded("rows from a background query") }
        case .key(.character("q")): return .quit
        case .key(let key): model.keys.append(key)
        case .tick(let time):
            model.ticks.append(time)
            model.progress += 1
            if model.progress == 5 { model.running = false }
        case .message(.loaded(let text)): model.loaded = text
        case .resize, .mouse: break
        }
        return .none
    }

    func view(_ model: Model, into buffer: inout Buffer) {
        buffer.write("static header", column: 0, row: 0, role: .normal)
        buffer.write("progress \(model.progress)", column: 0, row: 1, role: .normal)
        if let loaded = model.loaded { buffer.write(loaded, column: 0, row: 2, role: .normal) }
    }

    func tickRate(_ model: Model) -> TickRate { model.running ? .every(.milliseconds(100)) : .idle }
}

@MainActor
@Suite struct RuntimeTests {
    private func make(width: Int = 40, height: Int = 4) -> (Runtime<Counter>, TestBackend, VirtualClock) {
        let clock = VirtualClock()
        let backend = TestBackend(width: width, height: height, clock: clock)
        let runtime = Runtime(
            program: Counter(),
            model: Counter.Model(),
            backend: backend,
            theme: Theme(name: "t", roles: [:]),
            clock: clock
        )
        return (runtime, backend, clock)
    }

    @Test func idleProgramsWaitWithoutATimeout() throws {
        let (runtime, backend, _) = make()
        try runtime.step()
        #expect(backend.waits == [nil])
        #expect(runtime.model.ticks.isEmpty)
    }

    @Test func ticksFollowTheVirtualClockWhileSomethingMovesThenStop() throws {
        let (runtime, backend, _) = make()
        backend.type(.character("s"))
        try runtime.run()
        #expect(runtime.model.progress == 5)
        #expect(runtime.model.ticks.map(\.nanoseconds) == [100, 200, 300, 400, 500].map { $0 * 1_000_000 })
        // After the fifth tick the program went idle: the last wait had no timeout (then hung up).
        #expect(backend.waits.last == .some(nil))
        #expect(backend.screen.line(1).hasPrefix("progress 5"))
    }

    @Test func onlyChangedCellsReachTheBackend() throws {
        let (runtime, backend, _) = make()
        backend.type(.character("s"))
        try runtime.run()
        #expect(backend.cellsPerFlush.first == 160)
        // "progress 1" → "progress 2": one cell per tick.
        #expect(backend.cellsPerFlush.dropFirst().allSatisfy { $0 == 1 })
        #expect(runtime.framesDrawn == 6)
    }

    @Test func commandsRunOffTheMainActorAndPostMessages() async throws {
        let (runtime, backend, _) = make()
        runtime.dispatch(.key(.character("l")))
        await runtime.settle()
        try runtime.render()
        #expect(runtime.model.loaded == "rows from a background query")
        #expect(backend.screen.line(2).hasPrefix("rows from a background query"))
    }

    @Test func aFinishedCommandWakesTheBackendsInputWait() async throws {
        let (runtime, backend, _) = make()
        #expect(backend.wakes == 0)
        runtime.dispatch(.key(.character("l")))
        await runtime.settle()
        #expect(backend.wakes == 1, "the command's message woke the wait once")
        runtime.mailbox.post(.loaded("posted from elsewhere"))
        #expect(backend.wakes == 2)
    }

    @Test func theLoopPollsTheMailboxWhileACommandRuns() throws {
        let (runtime, backend, _) = make()
        backend.type(.character("l"))
        try runtime.step()
        try runtime.step()
        #expect(backend.waits.count == 2)
        if runtime.mailbox.status.running > 0 {
            #expect(backend.waits[1] == .milliseconds(20))
        }
    }

    @Test func resizeRedrawsEverything() throws {
        let (runtime, backend, _) = make()
        try runtime.step()
        backend.enqueue(.resize(Size(width: 20, height: 3)))
        try runtime.step()
        try runtime.render()
        #expect(backend.cellsPerFlush.last == 60)
        #expect(backend.screen.line(0) == "static header       ")
    }

    @Test func quitAndHangupEndTheLoop() throws {
        let (runtime, backend, _) = make()
        backend.type(.character("x"), .character("q"), .character("y"))
        try runtime.run()
        #expect(runtime.model.keys == [.character("x")])
        let (other, otherBackend, _) = make()
        otherBackend.enqueue(.hangup)
        try other.run()
        #expect(other.isFinished)
    }
}
