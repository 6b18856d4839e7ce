import LakeEngine
import Testing
import TUI
@testable import Workbench
import TestSupport

@Suite("Workbench navigation", .serialized)
@MainActor
struct WorkbenchNavigationTests {
    @Test("The first frame shows the header, the overview and a hint bar from the keymap")
    func firstFrame() async throws {
        let harness = try Harness(lake: try SampleFixture.make("first-frame"))
        try await harness.start()
        let text = harness.text
        #expect(text.contains("MedLake · lake · Overview"))
        #expect(text.contains("Tier occupancy"))
        #expect(text.contains(": screens"))
        #expect(text.contains("? help"))
        assertSnapshot(harness.screen, named: "overview-100x30",
                       replacing: [FixtureFolder.path: FixtureFolder.stablePath])
    }

    @Test("The palette switches screens by fuzzy name, Esc closes it")
    func paletteSwitches() async throws {
        let harness = try Harness(lake: try SampleFixture.make("palette"))
        try await harness.start()
        await harness.press(.character(":"))
        #expect(harness.text.contains("no matching command") == false)
        await harness.type("aud")
        await harness.press(.enter)
        #expect(harness.model.screen == .audit)
        #expect(harness.text.contains("chain OK"))
        await harness.press(.character(":"), .escape)
        #expect(harness.model.screen == .audit)
    }

    @Test("Every screen renders at 80x24 and at 250x70 without a control character")
    func everyScreenAtBothSizes() async throws {
        let lake = try SampleFixture.make("sizes")
        for (width, height) in [(80, 24), (250, 70)] {
            for screen in Screen.allCases {
                let harness = try Harness(lake: lake, width: width, height: height, screen: screen)
                try await harness.start()
                for row in 0..<height {
                    let line = harness.screen.line(row)
                    #expect(!line.unicodeScalars.contains(where: SafeText.needsEscape), "\(screen) row \(row)")
                    #expect(DisplayWidth.of(line) == width, "\(screen) row \(row) at \(width)x\(height)")
                }
                #expect(!harness.text.contains("error:"), "\(screen) at \(width)x\(height)")
            }
        }
    }

    @Test("A resize redraws the whole screen at the new size")
    func resize() async throws {
        let harness = try Harness(lake: try SampleFixture.make("resize"))
        try await harness.start()
        harness.backend.enqueue(.resize(Size(width: 120, height: 40)))
        try harness.runtime.step()
        await harness.settle()
        #expect(harness.screen.area.width == 120)
        #expect(harness.screen.line(0).contains("MedLake"))
        #expect(harness.model.size == Size(width: 120, height: 40))
    }

    @Test("? lists every binding of the active keymap; any key closes it")
    func helpFromKeymap() async throws {
        let harness = try Harness(lake: try SampleFixture.make("help"), screen: .flags)
        try await harness.start()
        await harness.press(.character("?"))
        for binding in FlagsScreen.keymap.merged(with: Workbench.globalKeymap).bindings {
            #expect(harness.text.contains(binding.help), "help lacks \(binding.help)")
        }
        await harness.press(.character("x"))
        #expect(!harness.text.contains("Keys · Flags"))
    }

    @Test("q quits")
    func quit() async throws {
        let harness = try Harness(lake: try SampleFixture.make("quit"))
        try await harness.start()
        await harness.press(.character("q"))
        #expect(harness.runtime.isFinished)
    }

    @Test("A change committed by another connection reloads the screen through the change feed")
    func liveRefresh() async throws {
        let lake = try SampleFixture.make("live")
        let harness = try Harness(lake: lake, screen: .audit)
        try await harness.start()
        let before = harness.model.screens.audit.list.rows.value?.count ?? 0
        // The first poll records the version; a second connection then commits.
        harness.wait(Workbench.pollInterval)
        try harness.runtime.step()
        await harness.settle()
        let other = try Lake.open(at: lake.root)
        try other.addFlag(target: "variants", code: "needs-review", note: "from another process")
        // The change feed reports the commit on its own schedule: poll until the screen shows it.
        let reloaded = await harness.poll { harness.model.screens.audit.list.rows.value?.count == before + 1 }
        #expect(reloaded, "the audit tail never showed the other connection's event")
        #expect(harness.text.contains("flag.add"))
    }
}
