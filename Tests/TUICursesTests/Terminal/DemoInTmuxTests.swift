import Foundation
import TUI
import Testing
import TestSupport

/// The demo executable on a real terminal (tmux): first frame, keys, resize, dialog, Ctrl-C,
/// hang-up and the 8-colour and ASCII fallbacks.
@Suite(
    .serialized,
    .enabled(
        if: TmuxSession.isAvailable && builtExecutable(named: "tui-demo") != nil,
        "needs tmux and the tui-demo product built next to the tests"
    )
)
struct DemoInTmuxTests {
    private static let utf8 = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]

    /// Runs the demo, then reports its exit status and whether the tty is back in cooked mode; the
    /// final `read` ends when the pane closes, so nothing outlives the test.
    private func start(
        _ arguments: String = "",
        width: Int = 100,
        height: Int = 30,
        environment: [String: String] = utf8
    ) throws -> TmuxSession {
        let demo = try #require(builtExecutable(named: "tui-demo"))
        // tmux sets TERM from its default-terminal option, so the pane's TERM is exported here.
        let command =
            "export TERM=\(environment["TERM"] ?? "tmux-256color"); \(demo) \(arguments); echo EXITED rc=$?; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo; read -r _"
        return try TmuxSession(command: command, width: width, height: height, environment: environment)
    }

    /// Whether `pid` is alive: a zombie waiting to be reaped has exited.
    private func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    /// Whether every row fits `width` cells and every bordered row ends exactly at the right edge
    /// (tmux drops trailing blanks that ncurses cleared rather than wrote).
    private func isAligned(_ screen: String, width: Int) -> Bool {
        lines(screen).allSatisfy { row in
            let cells = DisplayWidth.of(row)
            let bordered =
                row.hasSuffix("│") || row.hasSuffix("┐") || row.hasSuffix("┘") || row.hasSuffix("|")
                || row.hasSuffix("+")
            return bordered ? cells == width : cells <= width
        }
    }

    private func lines(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func firstFrameIsCompleteAndAligned() throws {
        let session = try start("--paused")
        // tmux may be caught halfway through the frame's bytes: wait until the frame is whole.
        let (held, screen) = session.waitFor { screen in
            screen.contains("q quit") && isAligned(screen, width: 100)
        }
        #expect(held, "no complete, aligned first frame:\n\(screen)")
        let rows = lines(screen)
        #expect(rows.first?.contains("1/1000000") == true)
        #expect(screen.contains("obj-0") && screen.contains("山田^太郎 study"))
        #expect(screen.contains("^[[2J hostile"), "hostile text must be shown sanitized")
    }

    @Test func keysMoveTheSelectionAndLoadTheTreeInTheBackground() throws {
        let session = try start("--paused")
        session.waitFor("q quit")
        try session.send("j", "j", "Down")
        #expect(session.waitFor("4/1000000").held)
        try session.send("G")
        #expect(session.waitFor("1000000/1000000").held)
        try session.send("Tab", "Enter")
        let (loaded, screen) = session.waitFor("imaging-dataset-3")
        #expect(loaded, "tree children never arrived:\n\(screen)")
    }

    @Test func resizeRedrawsAtTheNewSize() throws {
        let session = try start("--paused")
        session.waitFor("q quit")
        try session.run(["resize-window", "-t", "t", "-x", "140", "-y", "40"])
        let (held, screen) = session.waitFor({ screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return rows.count >= 40 && rows[39].contains("q quit") && DisplayWidth.of(String(rows[0])) == 140
        })
        #expect(held, "not redrawn at 140x40:\n\(screen)")
        try session.run(["resize-window", "-t", "t", "-x", "20", "-y", "5"])
        try session.send("q")
        #expect(session.waitFor("EXITED rc=0").held, "a tiny terminal must not crash the demo")
    }

    @Test func dialogOpensWithCancelFocused() throws {
        let session = try start("--paused")
        session.waitFor("q quit")
        try session.send("d")
        #expect(session.waitFor("Delete object?").held)
        // Keys within 300 ms of opening are ignored: wait that long after seeing it drawn (so after it
        // opened), then one Enter must cancel.
        Thread.sleep(forTimeInterval: 0.4)
        try session.send("Enter")
        #expect(session.waitFor("cancelled").held)
        #expect(!session.capture().contains("deleted obj-0"))
    }

    @Test func quitRestoresTheTerminal() throws {
        let session = try start()
        session.waitFor("q quit")
        try session.send("q")
        let (held, screen) = session.waitFor { $0.contains("EXITED rc=0") && $0.contains("echo") }
        #expect(held, "no exit after q:\n\(screen)")
        #expect(screen.contains("icanon echo"), "tty not restored:\n\(screen)")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let session = try start()
        session.waitFor("q quit")
        try session.send("C-c")
        let (held, screen) = session.waitFor({ $0.contains("EXITED") && $0.contains("echo") })
        #expect(held, "no exit after Ctrl-C:\n\(screen)")
        #expect(screen.contains("icanon echo"), "tty not restored:\n\(screen)")
        #expect(!screen.contains("-icanon"))
    }

    @Test func aCrashRestoresTheTerminalAndDoesNotWaitForInput() throws {
        let session = try start("--paused --crash-key")
        session.waitFor("q quit")
        try session.send("!")
        // SWIFT_BACKTRACE=interactive=no: the backtracer prints and exits instead of waiting 30 s.
        let (held, screen) = session.waitFor({ $0.contains("EXITED") && $0.contains("echo") }, timeout: 20)
        #expect(held, "no exit after the crash:\n\(screen)")
        #expect(!screen.contains("EXITED rc=0"))
        #expect(screen.contains("icanon echo"), "tty not restored after the crash:\n\(screen)")
    }

    @Test func aBadThemeFileIsReportedWithItsLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).toml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "name = \"bad\"\n[normal]\nfg = 300\n".write(toFile: path, atomically: true, encoding: .utf8)
        let session = try start("--theme \(path)")
        let (held, screen) = session.waitFor("EXITED rc=2")
        #expect(held, "\(screen)")
        #expect(screen.contains("line 3"), "the error must name the line:\n\(screen)")
    }

    @Test func hangupEndsTheProcessWithinASecond() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).pid")
            .path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let session = try start("--paused --pid-file \(pidFile)")
        session.waitFor("q quit")
        let pid = try #require(
            Int32(
                (try String(contentsOfFile: pidFile, encoding: .utf8))
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            )
        )
        kill(pid, SIGHUP)
        let (held, screen) = session.waitFor("EXITED rc=0", timeout: 60)
        #expect(held, "still running a minute after SIGHUP:\n\(screen)")
    }

    @Test func endOfInputEndsTheProcess() throws {
        let session = try start("< /dev/null")
        let (held, screen) = session.waitFor("EXITED rc=0", timeout: 60)
        #expect(held, "still running with stdin at end of file:\n\(screen)")
    }

    @Test func closingTheSessionEndsTheProcess() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).pid")
            .path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let session = try start("--pid-file \(pidFile)")
        session.waitFor("q quit")
        let pid = try #require(
            Int32(
                (try String(contentsOfFile: pidFile, encoding: .utf8))
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            )
        )
        try session.run(["kill-session", "-t", "t"])
        let end = Date().addingTimeInterval(60)
        while isRunning(pid), Date() < end { Thread.sleep(forTimeInterval: 0.02) }
        #expect(!isRunning(pid), "process \(pid) outlived its terminal")
    }

    @Test func eightColourTerminalsGetOnlyBasicColours() throws {
        var environment = Self.utf8
        environment["TERM"] = "screen"
        let session = try start("--paused", environment: environment)
        let (held, screen) = session.waitFor("q quit")
        #expect(held, "no frame on TERM=screen:\n\(screen)")
        let colours = session.capture(escapes: true)
        #expect(colours.contains("\u{1B}["), "expected colour sequences")
        #expect(
            !colours.contains("38;5;") && !colours.contains("48;5;"),
            "256-colour sequences on an 8-colour terminal"
        )
        #expect(screen.contains("─"))
    }

    @Test func nonUTF8LocalesDrawASCII() throws {
        let session = try start("", environment: ["LANG": "C", "LC_ALL": "C", "TERM": "tmux-256color"])
        let (held, screen) = session.waitFor { $0.contains("q quit") && $0.contains("#") && isAligned($0, width: 100) }
        #expect(held, "no complete ASCII frame:\n\(screen)")
        #expect(screen.contains("+-"))
        #expect(!screen.unicodeScalars.contains { $0.value > 0x7E })
    }

    @Test func noColorShowsNoColours() throws {
        var environment = Self.utf8
        environment["NO_COLOR"] = "1"
        let session = try start("--paused", environment: environment)
        session.waitFor("q quit")
        let colours = session.capture(escapes: true)
        let colourCode = #/\e\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]/#
        #expect(colours.firstMatch(of: colourCode) == nil, "colour sequences despite NO_COLOR")
        #expect(colours.contains("\u{1B}[7m") || colours.contains(";7m"), "the selection should still show (reverse)")
    }
}
