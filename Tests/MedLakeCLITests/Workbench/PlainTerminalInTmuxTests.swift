import Foundation
import Testing
import TestSupport

/// The real `medlake` binary on plain terminals, in tmux: the Linux console's 8 colours (`TERM=linux`)
/// and a non-UTF-8 locale (`LANG=C`).
@Suite(.serialized)
struct PlainTerminalInTmuxTests {
    /// Runs the workbench on the sample lake with `environment` set for medlake alone (tmux itself sets
    /// `TERM` in its panes, so it is set on the command line).
    private static func start(in folder: String, environment: String) throws -> TmuxSession {
        try TmuxSession(
            command: "cd \(folder) && env \(environment) \(MedLakeProcess.binary); echo EXITED rc=$?; sleep 60",
            width: 100, height: 30, environment: ["LANG": "C.UTF-8"])
    }

    private static func open(_ screen: String, in tmux: TmuxSession) throws {
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", screen], output: false)
        try tmux.send("Enter")
    }

    @Test("TERM=linux: borders, focused or not, are visible in 8 colours; the preview uses the density ramp")
    func linuxConsole() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try Self.start(in: folder, environment: "TERM=linux")
        #expect(tmux.waitFor("Tier occupancy", timeout: 60).held, "first frame")
        var borders = Self.borderColours(tmux.capture(escapes: true))
        #expect(borders.count > 100, "the overview's borders were read")
        #expect(borders.allSatisfy { $0.foreground != 30 && $0.foreground != 90 },
                "no border is drawn black: \(Set(borders.map(\.foreground)))")
        #expect(borders.allSatisfy { $0.foreground < 38 || $0.foreground == 39 }, "8 colours only")

        try Self.open("imaging", in: tmux)
        #expect(tmux.waitFor(WorkbenchInTmuxTests.studyRow).held, "the studies are listed")
        try tmux.send("Enter")
        #expect(tmux.waitFor(WorkbenchInTmuxTests.seriesRow).held, "the series are listed")
        try tmux.send("Enter")
        #expect(tmux.waitFor("Preview 64×64").held, "an instance is shown with its preview")
        borders = Self.borderColours(tmux.capture(escapes: true))
        #expect(borders.allSatisfy { $0.foreground != 30 }, "unfocused panes (Tags, Preview) keep visible borders")
        // The sample's first CT slice is black at its own window, so only the drawing mode is checked
        // here; HalfBlockImageTests checks that the ramp shows the gray levels.
        #expect(!tmux.capture().contains("▀"), "the density ramp, not half blocks with only two grays")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=").screen.contains("EXITED rc=0"))
    }

    @Test("LANG=C: ASCII borders and symbols, no ? where · × ▾ ▸ → were")
    func asciiLocale() throws {
        let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmux = try Self.start(in: folder, environment: "LANG=C LC_ALL=C TERM=tmux-256color")
        #expect(tmux.waitFor("Tier occupancy", timeout: 60).held, "first frame")
        Self.expectPlainASCII(tmux.capture(), "overview")
        #expect(tmux.capture().contains("MedLake . SampleLake . Overview"))
        for screen in ["flags", "migrations", "imaging"] {
            try Self.open(screen, in: tmux)
            #expect(tmux.waitFor("SampleLake . " + screen.prefix(1).uppercased() + screen.dropFirst()).held)
            Self.expectPlainASCII(tmux.capture(), screen)
        }
        // Keys act on rows, so each step waits for the rows, not only the header drawn before them.
        #expect(tmux.waitFor(WorkbenchInTmuxTests.studyRow).held, "the studies are listed")
        try tmux.send("Enter")
        #expect(tmux.waitFor(WorkbenchInTmuxTests.seriesRow).held, "the series are listed")
        try tmux.send("Enter")
        #expect(tmux.waitFor("Preview 64x64").held, "× became x")
        #expect(tmux.waitFor("(0008,0018)").held, "the tags are shown")
        try tmux.send("Tab")
        try tmux.run(["send-keys", "-t", "t", "-l", "-"], output: false)
        #expect(tmux.waitFor { $0.contains("> (") && $0.contains("folded") }.held, "folds show as > and v")
        Self.expectPlainASCII(tmux.capture(), "imaging instances")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=").screen.contains("EXITED rc=0"))
    }

    @Test("A click selects the row under it; with --no-mouse the click is left to the terminal")
    func mouseClicks() throws {
        for mouse in [true, false] {
            let folder = try WorkbenchInTmuxTests.sampleLakeCopy()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let tmux = try TmuxSession(
                command: "cd \(folder) && \(MedLakeProcess.binary) --screen flags\(mouse ? "" : " --no-mouse"); sleep 60",
                width: 100, height: 30, environment: ["LANG": "C.UTF-8"])
            let listed = tmux.waitFor { $0.contains("needs-review") && $0.contains("SEVERITY") }
            #expect(listed.held, "the flags are listed")
            // The program asks the terminal for mouse reports only without --no-mouse; a terminal
            // sends no clicks to a program that did not ask, so that is the whole of --no-mouse.
            let reporting = mouse ? "1" : "0"
            #expect(tmux.waitFor({ _ in tmux.paneVariable("mouse_standard_flag") == reporting }).held,
                    "mouse \(mouse): the pane's mouse reporting is \(tmux.paneVariable("mouse_standard_flag"))")
            let lines = listed.screen.split(separator: "\n", omittingEmptySubsequences: false)
            let header = try #require(lines.firstIndex { $0.contains("SEVERITY") })
            // The third flag row; its ID is the first word after the border.
            let row = header + 3
            let id = try #require(lines[row].dropFirst().split(separator: " ").first.map(String.init))
            let firstID = try #require(lines[header + 1].dropFirst().split(separator: " ").first.map(String.init))
            #expect(id != firstID)
            if mouse {
                // An X10 mouse report (what TERM=tmux-256color's kmous names): button 1 pressed at column 10.
                try tmux.run(["send-keys", "-t", "t", "-H", "1b", "5b", "4d", "20",
                              String(33 + 10, radix: 16), String(33 + row, radix: 16)], output: false)
                try tmux.run(["send-keys", "-t", "t", "-H", "1b", "5b", "4d", "23",
                              String(33 + 10, radix: 16), String(33 + row, radix: 16)], output: false)
            }
            try tmux.send("i")
            let viewer = tmux.waitFor("· row")
            #expect(viewer.held, "the row viewer opened")
            let shown = viewer.screen.split(separator: "\n").drop { !$0.contains(" ID") }.dropFirst().first ?? ""
            #expect(shown.contains(" " + (mouse ? id : firstID) + " "),
                    "mouse \(mouse): the viewer shows flag \(mouse ? id : firstID): \(shown)")
            try tmux.send("Escape", "q")
        }
    }

    // MARK: - Reading the pane

    /// Every `?` on screen belongs to the `? help` hint, and nothing outside ASCII was drawn.
    private static func expectPlainASCII(_ screen: String, _ name: String) {
        let marks = screen.filter { $0 == "?" }.count
        let hints = screen.components(separatedBy: "? help").count - 1
        #expect(marks == hints, "\(name): a ? stands in for a symbol:\n\(screen)")
        let nonASCII = screen.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "\(name): non-ASCII on a C locale: \(String(String.UnicodeScalarView(nonASCII)))")
    }

    /// The foreground SGR colour (30–37, 39 default, 90–97) of every box-drawing cell in `capture`.
    private static func borderColours(_ capture: String) -> [(foreground: Int, background: Int)] {
        var foreground = 39
        var background = 49
        var found: [(foreground: Int, background: Int)] = []
        var scalars = capture.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                guard scalars.next() == "[" else { continue }
                var parameters = ""
                while let next = scalars.next(), next != "m" { parameters.unicodeScalars.append(next) }
                var codes = parameters.split(separator: ";").compactMap { Int($0) }
                if codes.isEmpty { codes = [0] }
                var index = 0
                while index < codes.count {
                    let code = codes[index]
                    switch code {
                    case 0: (foreground, background) = (39, 49)
                    case 30...37, 39, 90...97: foreground = code
                    case 40...47, 49, 100...107: background = code
                    case 38, 48:
                        // 38;5;n: a 256-colour index (not expected on TERM=linux): recorded as 38/48.
                        if code == 38 { foreground = 38 } else { background = 48 }
                        index += 2
                    default: break
                    }
                    index += 1
                }
            } else if (0x2500...0x257F).contains(scalar.value) {
                found.append((foreground, background))
            }
        }
        return found
    }
}
