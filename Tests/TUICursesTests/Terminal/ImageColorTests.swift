import Foundation
import TUI
import Testing

@testable import TUIDemo
import TestSupport

/// The half-block preview on a real 256-colour terminal: every `▀` must show exactly the colours the
/// buffer holds, although the image needs more colour pairs than an attribute's 8-bit `COLOR_PAIR`
/// can address (the backend hands pairs to `setcchar` directly; numbers above 32767, beyond its
/// `short`, travel through `opts`).
@Suite(
    .serialized,
    .enabled(
        if: TmuxSession.isAvailable && builtExecutable(named: "tui-demo") != nil,
        "needs tmux and the tui-demo product built next to the tests"
    )
)
struct ImageColorTests {
    @Test func everyHalfBlockShowsTheColoursOfTheBuffer() throws {
        let demo = try #require(builtExecutable(named: "tui-demo"))
        let session = try TmuxSession(
            command: "export TERM=tmux-256color; \(demo) --paused; read -r _",
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        )
        session.waitFor("q quit")
        try session.send("i")
        #expect(session.waitFor("Preview").held)

        let expected = expectedBlocks(width: 100, height: 30)
        #expect(Set(expected.map { "\($0.0)/\($0.1)" }).count > 256, "the test card must need over 256 pairs")
        var observed: [(Int, Int)] = []
        let end = Date().addingTimeInterval(60)
        while observed.count != expected.count, Date() < end {
            observed = halfBlocks(in: session.capture(escapes: true))
        }
        #expect(observed.count == expected.count)
        let mismatches = zip(observed, expected).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(3).map { "\($0.offset): \($0.element)" })")
    }

    /// (foreground, background) of every `▀` the demo's view draws at this size, row by row.
    private func expectedBlocks(width: Int, height: Int) -> [(Int, Int)] {
        let size = Size(width: width, height: height)
        var model = DemoProgram.Model(size: size, running: false, tickLimit: nil, themeName: "default")
        model.showImage = true
        let palette = (try? ThemeLoader().load("default"))?.palette(depth: .ansi256) ?? .plain
        var buffer = Buffer(width: width, height: height, palette: palette)
        DemoProgram().view(model, into: &buffer)
        var blocks: [(Int, Int)] = []
        for row in 0..<height {
            for column in 0..<width where buffer[column, row].symbol == "▀" {
                let style = buffer[column, row].style
                blocks.append((index(style.foreground), index(style.background)))
            }
        }
        return blocks
    }

    private func index(_ color: TUI.Color) -> Int {
        if case .indexed(let value) = color { return Int(value) }
        return -1
    }

    /// Walks tmux's `capture-pane -e` output, tracking SGR colours, and lists the colours of each `▀`.
    private func halfBlocks(in captured: String) -> [(Int, Int)] {
        var foreground = -1
        var background = -1
        var blocks: [(Int, Int)] = []
        var scalars = captured.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}", scalars.first == "[" {
                scalars.removeFirst()
                var body = ""
                while let next = scalars.popFirst(), next != "m" { body.unicodeScalars.append(next) }
                var parameters = body.split(separator: ";").map { Int($0) ?? 0 }[...]
                if parameters.isEmpty { parameters = [0] }
                while let code = parameters.popFirst() {
                    switch code {
                    case 0:
                        foreground = -1
                        background = -1
                    case 39: foreground = -1
                    case 49: background = -1
                    case 30...37: foreground = code - 30
                    case 40...47: background = code - 40
                    case 90...97: foreground = code - 82
                    case 100...107: background = code - 92
                    case 38, 48:
                        guard parameters.popFirst() == 5, let value = parameters.popFirst() else { continue }
                        if code == 38 { foreground = value } else { background = value }
                    default: break
                    }
                }
            } else if scalar == "▀" {
                blocks.append((foreground, background))
            }
        }
        return blocks
    }
}
