@testable import LakeEngine
import Testing
import TUI
@testable import Workbench
import TestSupport

/// Enter does what the hint bar offers on every screen: a flag opens its target, a record its full text.
@Suite("Enter opens", .serialized)
@MainActor
struct EnterOpensTests {
    @Test("Enter on a series flag opens that series' instances in Imaging; Esc goes up to its study's series")
    func flagOpensSeries() async throws {
        let lake = try SampleFixture.make("flag-opens")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        let flags = harness.model.screens.flags
        let row = try #require(flags.list.selected(filter: flags.filter))
        let flag = try #require(flags.flags[row.id])
        #expect(flag.targetKind == .series)
        await harness.press(.enter)
        #expect(harness.model.screen == .imaging)
        let imaging = harness.model.screens.imaging
        #expect(imaging.level == .instances)
        #expect(imaging.seriesRow?.id == flag.target)
        #expect(imaging.seriesFlags.contains { $0.id == flag.id })
        await harness.press(.escape)
        #expect(harness.model.screens.imaging.series.selected(filter: "")?.id == flag.target)
    }

    @Test("Enter on a sample flag opens the sample's files in Genomics")
    func flagOpensSample() async throws {
        let lake = try SampleFixture.make("flag-sample")
        let flag = try lake.addFlag(target: "NA0001", code: "needs-review", note: "check depth")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        await harness.press(.character("G"))
        #expect(harness.model.screens.flags.list.selected(filter: harness.model.filter)?.id == String(flag.id ?? 0))
        await harness.press(.enter)
        #expect(harness.model.screen == .genomics)
        #expect(harness.model.screens.genomics.filesOf?.id == "NA0001")
        #expect(harness.model.screens.genomics.focus == .files)
    }

    @Test("Space marks flags; r resolves every marked one through one dialog, each audited")
    func bulkResolve() async throws {
        let lake = try SampleFixture.make("bulk-resolve")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        let listed = try #require(harness.model.screens.flags.list.rows.value)
        #expect(listed.count >= 2)
        await harness.press(.character(" "), .character(" "), .character("r"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.title == "Resolve 2 marked flags")
        harness.wait()
        await harness.type("rescanned")
        await harness.press(.enter)
        let ids = listed.prefix(2).compactMap { Int64($0.id) }
        for id in ids {
            #expect(try lake.listFlags().first { $0.id == id }?.state == .resolved)
        }
        let audited = try lake.auditEvents(AuditFilter(action: "flag.resolve"))
        #expect(audited.count == 2)
        #expect(harness.text.contains("Resolved 2 flags."))
        #expect(harness.model.screens.flags.marks.isEmpty)
    }

    @Test("Enter on an audit event shows its full text; y copies the value under the cursor")
    func auditEventText() async throws {
        let harness = try Harness(lake: try SampleFixture.make("audit-text"), screen: .audit)
        try await harness.start()
        let event = try #require(harness.model.screens.audit.events.first)
        await harness.press(.enter)
        guard case .record(let viewer) = harness.model.overlay else {
            Issue.record("no viewer: \(harness.text)")
            return
        }
        #expect(viewer.title == "Audit event \(event.seq)")
        #expect(harness.text.contains(event.hash.prefix(40)))
        #expect(viewer.fields.contains { $0.key == "· note" && $0.value == "no consent form" })
        await harness.press(.character("j"), .character("j"), .character("y"))
        #expect(harness.copied.all == [event.actor])
        #expect(harness.text.contains("Copied"))
        await harness.press(.escape)
        if case .record = harness.model.overlay { Issue.record("the viewer stayed open") }
    }

    @Test("Enter on a promotion request shows every check, the manifest and the reason")
    func promotionText() async throws {
        let lake = try SampleFixture.make("promotion-text")
        _ = try lake.publishVersion(dataset: "variants")
        _ = try lake.grant(.curator, to: "alice")
        let alice = try Lake.open(at: lake.root, as: Identity(user: "alice", uid: 4242))
        let request = try alice.requestPromotion("variants", to: "curated", select: nil, reason: "ready for curation")
        let harness = try Harness(lake: try Lake.open(at: lake.root), screen: .promotions)
        try await harness.start()
        await harness.press(.enter)
        guard case .record(let viewer) = harness.model.overlay else {
            Issue.record("no viewer: \(harness.text)")
            return
        }
        #expect(viewer.title == "Promotion \(request.id)")
        #expect(viewer.fields.contains { $0.key == "reason" && $0.value == "ready for curation" })
        #expect(viewer.fields.contains { $0.key == "manifest" && $0.value == request.sourceManifest })
        for check in request.checks {
            #expect(viewer.fields.contains { $0.key.hasSuffix(check.code) })
        }
    }

    @Test("A copy is the OSC 52 sequence with the value base64-encoded, so text cannot end it early")
    func osc52() {
        let bytes = Clipboard.osc52("a\u{07}b\u{1B}")
        #expect(bytes.starts(with: Array("\u{1B}]52;c;".utf8)))
        #expect(bytes.last == 0x07)
        #expect(!bytes.dropFirst().dropLast().contains(0x07))
        #expect(!bytes.dropFirst().contains(0x1B))
    }

    @Test("Overview: j moves the highlight; Enter on a zone opens Datasets narrowed to it")
    func overviewOpensZone() async throws {
        let harness = try Harness(lake: try SampleFixture.make("overview-opens"))
        try await harness.start()
        let data = try #require(harness.model.screens.overview.data.value)
        let rows = OverviewScreen.kindRows(data, zones: try SampleFixture.make("overview-zones").configuration.zones)
        let zoneIndex = try #require(rows.firstIndex { $0[0] == "zone" })
        for _ in 0..<zoneIndex { await harness.press(.character("j")) }
        #expect(harness.model.screens.overview.table.selection.selected == zoneIndex)
        await harness.press(.enter)
        #expect(harness.model.screen == .datasets)
        #expect(harness.model.screens.datasets.query.text == rows[zoneIndex][1])
    }
}

@Suite("Genomics marks", .serialized)
@MainActor
struct GenomicsMarksTests {
    @Test("Space marks a sample; a flags every marked sample, audited")
    func markAndFlag() async throws {
        let lake = try SampleFixture.make("genomics-marks")
        let harness = try Harness(lake: lake, screen: .genomics)
        try await harness.start()
        await harness.press(.character(" "))
        #expect(harness.model.screens.genomics.marks == ["NA0001"])
        #expect(harness.text.contains("1 marked"))
        await harness.press(.character("a"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog: \(harness.text)")
            return
        }
        #expect(dialog.title == "Add flag to 1 marked")
        harness.wait()
        await harness.type("low depth")
        await harness.press(.enter)
        #expect(try lake.listFlags(FlagFilter(target: "NA0001")).contains { $0.note == "low depth" })
        #expect(try lake.auditEvents(AuditFilter(action: "flag.add")).contains { $0.target == "NA0001" })
    }
}
