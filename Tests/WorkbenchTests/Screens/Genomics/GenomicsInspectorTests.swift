import Catalog
import TestSupport
@testable import LakeEngine
import Testing
import TUI
@testable import Workbench

@Suite("Genomics inspector", .serialized)
@MainActor
struct GenomicsInspectorTests {
    /// Selects sample `name` (by the `/` filter) and opens its first file in the inspector.
    private func open(_ name: String, in harness: Harness) async {
        await harness.press(.character("/"))
        await harness.type(name)
        await harness.press(.enter, .enter, .enter)
    }

    @Test("A SAM header: thousands of contigs, the read group, the program chain, and the access recorded")
    func samHeader() async throws {
        let lake = try GenomicsFixture.make("genomics-sam")
        let harness = try Harness(lake: lake, screen: .genomics)
        try await harness.start()
        await open("NA0002", in: harness)
        let genomics = harness.model.screens.genomics
        #expect(genomics.focus == .inspector)
        let report = try #require(genomics.inspection?.value?.report)
        #expect(report.samHeader?.references.count == GenomicsFixture.contigCount)
        let rows = genomics.inspector.lines.filter { $0.kind == .row && $0.cells.first?.hasPrefix("contig_") == true }
        #expect(rows.count == GenomicsFixture.contigCount)
        #expect(genomics.inspector.lines.contains { $0.cells.first == "Read groups (1)" })
        #expect(genomics.inspector.lines.contains { $0.cells == ["chain", "bwa → samtools"] })
        #expect(harness.model.filter.isEmpty)

        await harness.press(.character("G"))
        #expect(harness.text.contains("Sample"))
        await harness.press(.character("g"), .character("]"), .character("]"))
        #expect(harness.text.contains("Inspector · Streaming facts"))

        let sha = try #require(genomics.selectedFile?.sha256)
        try lake.flushAccesses()
        let accessed = try lake.catalog.value(
            Int.self, "SELECT COUNT(*) FROM object WHERE sha256 = ? AND lastAccess IS NOT NULL", [sha])
        #expect(accessed == 1)

        await harness.press(.character("S"))
        let streamed = try #require(harness.model.screens.genomics.inspection?.value?.report)
        #expect(streamed.integrity.fullyRead)
        #expect(streamed.flagStats?.total == 1)
        #expect(harness.model.screens.genomics.inspector.lines.contains { $0.cells == ["primary mapped", "1 of 1"] })
    }

    @Test("Search narrows the inspector to matching lines under their headings; Esc returns the samples' filter")
    func search() async throws {
        let harness = try Harness(lake: try GenomicsFixture.make("genomics-search"), screen: .genomics)
        try await harness.start()
        await open("NA0002", in: harness)
        await harness.press(.character("/"))
        await harness.type("contig_3199")
        await harness.press(.enter)
        let inspector = harness.model.screens.genomics.inspector
        let shown = inspector.visible(search: harness.model.filter).map { inspector.lines[$0] }
        #expect(shown.map(\.kind) == [.heading, .row])
        #expect(shown.first?.cells.first == "Contigs (\(GenomicsFixture.contigCount))")
        #expect(harness.text.contains("contig_3199"))
        #expect(harness.text.contains("1 of"))
        await harness.press(.escape, .escape)
        #expect(harness.model.screens.genomics.focus == .samples)
        #expect(harness.model.filter == "NA0002")
    }

    @Test("A BGZF file cut before its EOF block shows as truncated; a VCF lists INFO, FORMAT, FILTER and samples")
    func integrity() async throws {
        let harness = try Harness(lake: try GenomicsFixture.make("genomics-integrity"), screen: .genomics)
        try await harness.start()
        await open("NA0003", in: harness)
        let report = try #require(harness.model.screens.genomics.inspection?.value?.report)
        #expect(report.integrity.endMarkerPresent == false)
        #expect(report.integrity.truncated)
        let lines = harness.model.screens.genomics.inspector.lines
        #expect(lines.contains { $0.kind == .warning && $0.cells.first?.contains("BGZF EOF block missing") == true })
        for title in ["INFO (1)", "FORMAT (1)", "FILTER (1)", "Sample columns (1)", "Contigs (2)"] {
            #expect(lines.contains { $0.kind == .heading && $0.cells.first == title }, "no \(title)")
        }
    }

    @Test("The inspector needs read access: a user without a role sees the engine's error")
    func permission() async throws {
        let lake = try GenomicsFixture.make("genomics-permission")
        let sample = try #require(try lake.samples().first { $0.sample.name == "NA0001" })
        let file = try #require(try lake.genomicFiles(dataset: sample.datasetName, sample: "NA0001").first)
        let stranger = try Lake.open(at: lake.root, as: Identity(user: "mallory", uid: 4343))
        #expect(throws: LakeError.self) {
            try stranger.inspectGenomicFile(dataset: sample.datasetName, sample: "NA0001", sha256: file.sha256)
        }
        #expect(throws: LakeError.self) {
            try lake.inspectGenomicFile(dataset: sample.datasetName, sample: "NA0002", sha256: file.sha256)
        }
    }

    @Test("Every genomics pane draws at 80×24 and 250×70 without misaligned rows")
    func sizes() async throws {
        let lake = try GenomicsFixture.make("genomics-sizes")
        for (width, height) in [(80, 24), (250, 70)] {
            let harness = try Harness(lake: lake, width: width, height: height, screen: .genomics)
            try await harness.start()
            await open("NA0002", in: harness)
            for _ in 0..<4 { await harness.press(.character("]")) }
            for row in 0..<height {
                #expect(DisplayWidth.of(harness.screen.line(row)) == width)
            }
            #expect(harness.text.contains("Inspector"))
            #expect(harness.text.contains("contig_1"))
        }
    }
}
