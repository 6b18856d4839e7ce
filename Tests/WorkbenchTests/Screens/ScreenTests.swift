@testable import LakeEngine
import Testing
import TUI
@testable import Workbench
import TestSupport

@Suite("Workbench screens", .serialized)
@MainActor
struct ScreenTests {
    @Test("Datasets: a tree by modality and assay with the selected dataset's facts")
    func datasets() async throws {
        let harness = try Harness(lake: try SampleFixture.make("datasets"), screen: .datasets)
        try await harness.start()
        #expect(harness.text.contains("imaging CT"))
        #expect(harness.text.contains("variants"))
        await harness.press(.character("j"))
        #expect(harness.model.screens.datasets.selected?.name == "scans")
        #expect(harness.text.contains("open flags"))
        assertSnapshot(harness.screen, named: "datasets-100x30")
    }

    @Test("Imaging: studies → series → instances with tags, private tags marked, and a preview")
    func imagingDrillDown() async throws {
        let harness = try Harness(lake: try SampleFixture.make("imaging"), screen: .imaging)
        try await harness.start()
        #expect(harness.text.contains("Studies"))
        assertSnapshot(harness.screen, named: "imaging-studies-100x30")
        await harness.press(.enter)
        #expect(harness.model.screens.imaging.level == .series)
        await harness.press(.enter)
        #expect(harness.model.screens.imaging.level == .instances)
        guard case .loaded(let inspection)? = harness.model.screens.imaging.inspection else {
            Issue.record("no inspection loaded")
            return
        }
        #expect(inspection.tags.contains { $0.isPrivate })
        #expect(inspection.tags.contains { $0.depth > 0 })
        guard case .frame(let frame) = inspection.preview else {
            Issue.record("no frame")
            return
        }
        #expect(frame.width == 32 && frame.height == 32)
        #expect(harness.text.contains("Preview 32×32"))
        #expect(harness.text.contains("@@@@"))
        assertSnapshot(harness.screen, named: "imaging-instances-100x30")
        await harness.press(.tab, .character("/"))
        await harness.type("Private")
        await harness.press(.enter)
        #expect(harness.text.contains("[private]"))
        await harness.press(.character("/"), .escape, .tab)
        await harness.press(.character("}"))
        #expect(harness.model.screens.imaging.window?.width ?? 0 > frame.windowWidth)
        await harness.press(.character("0"))
        #expect(harness.model.screens.imaging.window == nil)
        await harness.press(.escape, .escape)
        #expect(harness.model.screens.imaging.level == .studies)
    }

    @Test("Imaging: a tag search jumps to the first match and keeps the tree")
    func tagSearch() async throws {
        let harness = try Harness(lake: try SampleFixture.make("tags"), screen: .imaging)
        try await harness.start()
        await harness.press(.enter, .enter, .tab, .character("/"))
        await harness.type("Modality")
        await harness.press(.enter)
        let imaging = harness.model.screens.imaging
        let line = try #require(imaging.selectedTagLine)
        #expect(imaging.tree.lines[line].label == "Modality")
        #expect(imaging.tree.shown.count > 1)
        #expect(harness.text.contains("1 of \(imaging.tree.lines.count)"))
    }

    @Test("Imaging: the hostile PatientName shows sanitized")
    func hostileName() async throws {
        let harness = try Harness(lake: try SampleFixture.make("hostile"), screen: .imaging)
        try await harness.start()
        await harness.press(.character("/"))
        await harness.type("CR")
        await harness.press(.enter, .enter, .enter, .tab, .character("/"))
        await harness.type("PatientName")
        await harness.press(.enter)
        #expect(harness.text.contains("^[[2J"))
        #expect(!harness.text.unicodeScalars.contains("\u{1B}"))
        #expect(!harness.text.unicodeScalars.contains("\u{07}"))
    }

    @Test("Filter narrows the list and counts matches; Esc clears it")
    func filter() async throws {
        let harness = try Harness(lake: try SampleFixture.make("filter"), screen: .flags)
        try await harness.start()
        let all = harness.model.screens.flags.list.visible(filter: "").count
        await harness.press(.character("/"))
        await harness.type("blocking")
        #expect(harness.model.screens.flags.list.visible(filter: harness.model.filter).count == 1)
        #expect(harness.text.contains("1 of \(all)"))
        await harness.press(.escape)
        #expect(harness.model.filter.isEmpty)
    }

    @Test("Flags: resolve through the dialog (the note focused, Enter submits once typed) changes the state and audits")
    func resolveFlag() async throws {
        let lake = try SampleFixture.make("resolve")
        let harness = try Harness(lake: lake, screen: .flags)
        try await harness.start()
        assertSnapshot(harness.screen, named: "flags-100x30")
        await harness.press(.character("/"))
        await harness.type("needs-review")
        await harness.press(.enter, .character("r"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog")
            return
        }
        #expect(dialog.focus == .note, "typing goes where the cursor is")
        harness.wait()
        await harness.press(.enter)
        guard case .dialog = harness.model.overlay else {
            Issue.record("Enter without a note closed the dialog")
            return
        }
        #expect(harness.model.screens.flags.flags.values.contains { $0.code == "needs-review" && $0.state == .open })
        await harness.type("counted again")
        await harness.press(.enter)
        let flags = try lake.listFlags(FlagFilter(code: "needs-review"))
        #expect(flags.first?.state == .resolved)
        #expect(try lake.auditEvents(AuditFilter(action: "flag.resolve")).count == 1)
        #expect(harness.text.contains("Resolved flag"))
    }

    @Test("Flags: s and t cycle the severity and state filters")
    func cycleFilters() async throws {
        let harness = try Harness(lake: try SampleFixture.make("cycle"), screen: .flags)
        try await harness.start()
        await harness.press(.character("s"))
        #expect(harness.model.screens.flags.query.text == "severity:blocking state:open")
        #expect(!harness.model.screens.flags.flags.values.isEmpty)
        #expect(harness.model.screens.flags.flags.values.allSatisfy { $0.severity == .blocking })
        await harness.press(.character("t"))
        #expect(harness.model.screens.flags.query.text == "state:resolved severity:blocking")
        #expect(harness.text.contains("no flags with these filters"))
    }

    @Test("Genomics: samples, files, and the header inspector")
    func genomics() async throws {
        let harness = try Harness(lake: try SampleFixture.make("genomics"), screen: .genomics)
        try await harness.start()
        #expect(harness.text.contains("NA0001"))
        #expect(harness.model.screens.genomics.files?.value?.first?.format == "VCF")
        #expect(harness.text.contains("sha256"))
        await harness.press(.enter, .enter)
        #expect(harness.model.screens.genomics.focus == .inspector)
        #expect(harness.model.screens.genomics.inspection?.value?.report.vcfHeader?.info.first?.id == "DP")
        for _ in 0..<4 { await harness.press(.character("]")) }
        #expect(harness.text.contains("Inspector · Contigs (1)"))
        #expect(harness.text.contains("INFO (1)"))
        assertSnapshot(harness.screen, named: "genomics-100x30")
    }

    @Test("Audit: newest first, chain status, v verifies")
    func audit() async throws {
        let harness = try Harness(lake: try SampleFixture.make("audit"), screen: .audit)
        try await harness.start()
        #expect(harness.text.contains("chain OK"))
        #expect(harness.model.screens.audit.list.rows.value?.first?.cells[4] == "flag.add")
        await harness.press(.character("v"))
        #expect(harness.model.screens.audit.verification?.value?.isIntact == true)
        #expect(!harness.model.screens.audit.verifying)
        assertSnapshot(harness.screen, named: "audit-100x30")
    }

    @Test("Promotions: another user's request (blocked on consent) is rejected through the dialog; state and audit change")
    func approvePromotion() async throws {
        let lake = try SampleFixture.make("promotions")
        _ = try lake.publishVersion(dataset: "variants")
        _ = try lake.grant(.curator, to: "alice")
        let alice = try Lake.open(at: lake.root, as: Identity(user: "alice", uid: 4242))
        let request = try alice.requestPromotion("variants", to: "curated", select: nil, reason: "ready for curation")
        let harness = try Harness(lake: try Lake.open(at: lake.root), screen: .promotions)
        try await harness.start()
        #expect(harness.text.contains("alice"))
        assertSnapshot(harness.screen, named: "promotions-100x30")
        await harness.press(.character("n"))
        guard case .dialog(let dialog) = harness.model.overlay else {
            Issue.record("no dialog")
            return
        }
        #expect(dialog.lines.contains { $0.contains(request.sourceManifest) })
        harness.wait()
        await harness.type("consent scope missing")
        await harness.press(.enter)
        let after = try lake.promotion(id: request.id)
        #expect(after.state == .rejected)
        #expect(after.decisions.contains { $0.approver == "root" && $0.decision == .reject })
        #expect(harness.text.contains("rejected"))
        #expect(try lake.auditEvents(AuditFilter(action: "promotion.")).contains { $0.actor == "root" })
    }

    @Test("Migrations: tier occupancy, an empty queue and the lifecycle plan preview")
    func migrations() async throws {
        let harness = try Harness(lake: try SampleFixture.make("migrations"), screen: .migrations)
        try await harness.start()
        #expect(harness.text.contains("no migration jobs"))
        await harness.press(.character("p"))
        #expect(harness.model.screens.migrations.plan?.value != nil)
        assertSnapshot(harness.screen, named: "migrations-100x30")
    }
}
