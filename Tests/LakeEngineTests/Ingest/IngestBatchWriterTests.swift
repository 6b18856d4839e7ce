import Catalog
import Foundation
import Storage
import Testing

@testable import LakeEngine

/// The catalog half of ingest, fed header values directly (the parsers have their own tests).
@Suite struct IngestBatchWriterTests {
    let lake: TemporaryLake
    let datasetId: Int64

    init() throws {
        lake = try TemporaryLake()
        let owner = lake.owner
        datasetId = try owner.catalog.write { tx in
            try owner.findOrCreateDataset("imaging", role: .operator, tx).id
        }
    }

    private func file(_ name: String, _ content: FileContent) -> IngestedFile {
        let digest = ContentHasher.digest(of: Array(name.utf8))
        return IngestedFile(path: "/in/" + name, digest: digest, size: 100, content: content, staged: nil)
    }

    private func ct(_ number: Int, z: Double, sop: String? = nil, series: String = "1.2.3.1") -> ImagingHeader {
        ImagingHeader(
            studyInstanceUID: "1.2.3", seriesInstanceUID: series, sopInstanceUID: sop ?? "1.2.3.1.\(number)",
            sopClassUID: "1.2.840.10008.5.1.4.1.1.2", modality: "CT", instanceNumber: number, rows: 512, columns: 512,
            imagePosition: [-100, -100, z], imageOrientation: [1, 0, 0, 0, 1, 0])
    }

    @discardableResult
    private func ingest(_ files: [IngestedFile]) throws -> (IngestBatchWriter.Outcome, [String: Int]) {
        let owner = lake.owner
        let writer = IngestBatchWriter(
            datasetId: datasetId, tier: "hot", now: Date(),
            flagRaiser: FlagRaiser(configuration: owner.configuration, zone: "raw"))
        let id = datasetId
        return try owner.catalog.write { tx in
            let outcome = try writer.write(files, tx)
            let raised = try owner.runQualityRules(datasetId: id, zone: "raw", role: .operator, tx)
            return (outcome, raised)
        }
    }

    private func flags() throws -> [String: String] {
        let flags = try lake.owner.listFlags()
        return Dictionary(flags.map { ($0.code, $0.severity.rawValue) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func buildsTheHierarchyAndCounts() throws {
        let files = (1...4).map { file("ct\($0)", .imaging(ct($0, z: Double($0) * 2.5))) }
        let (outcome, raised) = try ingest(files)
        #expect(outcome.filesAdded == 4)
        #expect(outcome.byModality == ["CT": 4])
        #expect(raised.isEmpty)
        let series = try lake.owner.series(dataset: "imaging")
        #expect(series.count == 1)
        #expect(series.first?.series.instanceCount == 4)
        #expect(try lake.owner.studies(dataset: "imaging").first?.modalities == "CT")
        #expect(try lake.owner.modalityCounts().first?.instanceCount == 4)
        let again = try ingest(files)
        #expect(again.0.filesAlreadyPresent == 4)
        #expect(try lake.owner.series(dataset: "imaging").first?.series.instanceCount == 4)
    }

    @Test func seriesRulesRaiseOnceEach() throws {
        let files = [
            file("a", .imaging(ct(1, z: 0))), file("b", .imaging(ct(2, z: 2.5))),
            file("c", .imaging(ct(5, z: 5))), file("d", .imaging(ct(6, z: 10))),
        ]
        let (_, raised) = try ingest(files)
        #expect(raised == ["instance-gap": 1, "inconsistent-spacing": 1])
        let (_, again) = try ingest([file("e", .imaging(ct(7, z: 12.5)))])
        #expect(again.isEmpty)
        #expect(try flags() == ["instance-gap": "warning", "inconsistent-spacing": "warning"])
    }

    @Test func duplicateSOPInstanceWithOtherBytesIsBlocking() throws {
        try ingest([file("first", .imaging(ct(1, z: 0, sop: "9.9")))])
        let (outcome, _) = try ingest([file("second", .imaging(ct(1, z: 0, sop: "9.9")))])
        #expect(outcome.flagsRaised == ["duplicate-sop-uid": 1])
        #expect(try flags()["duplicate-sop-uid"] == "blocking")
        #expect(try lake.owner.series(dataset: "imaging").first?.series.instanceCount == 1)
    }

    @Test func perFileRulesUseTheVocabularySeverities() throws {
        var header = ct(1, z: 0)
        header.phiPresent = true
        header.burnedInAnnotation = true
        header.missingRequiredTags = ["SOPClassUID"]
        try ingest([file("phi", .imaging(header))])
        #expect(try flags() == ["phi-present": "info", "burned-in-annotation": "blocking", "missing-required-tags": "blocking"])
        let phi = try lake.owner.listFlags(FlagFilter(code: "phi-present")).first
        #expect(phi?.targetKind == .series)
        #expect(phi?.source == .rule)
    }

    @Test func instanceWithoutUIDsStaysAFlaggedObject() throws {
        let header = ImagingHeader(modality: "MR", missingRequiredTags: ["StudyInstanceUID", "SeriesInstanceUID"])
        let (outcome, _) = try ingest([file("lost", .imaging(header))])
        #expect(outcome.filesAdded == 1)
        let flag = try #require(try lake.owner.listFlags(FlagFilter(code: "missing-required-tags")).first)
        #expect(flag.targetKind == .object)
        #expect(flag.note.contains("StudyInstanceUID"))
        #expect(try lake.owner.series(dataset: "imaging").isEmpty)
    }

    @Test func disabledRulesDoNotRun() throws {
        let path = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "disabled_rules = []", with: "disabled_rules = [\"phi-present\"]")
        try write(text, to: path)
        let reopened = try lake.open(as: "alice")
        let writer = IngestBatchWriter(
            datasetId: datasetId, tier: "hot", now: Date(),
            flagRaiser: FlagRaiser(configuration: reopened.configuration, zone: "raw"))
        var header = ct(1, z: 0)
        header.phiPresent = true
        let outcome = try reopened.catalog.write { tx in try writer.write([file("x", .imaging(header))], tx) }
        #expect(outcome.flagsRaised.isEmpty)
    }

    @Test func genomicRulesAndSampleNameMismatch() throws {
        let bam = GenomicHeader(format: "BAM", sampleNames: ["NA12878"], referenceGenome: nil, readGroupCount: 1,
                                hasEndOfFileBlock: false)
        let vcf = GenomicHeader(format: "VCF", sampleNames: ["NA12891"], referenceGenome: "GRCh38")
        let (_, raised) = try ingest([file("S1.bam", .genomic(bam)), file("S1.vcf.gz", .genomic(vcf))])
        #expect(raised == ["sample-name-mismatch": 2])
        #expect(try flags() == [
            "no-reference-genome": "blocking", "truncated-bgzf": "blocking", "sample-name-mismatch": "blocking",
        ])
        let mismatch = try lake.owner.listFlags(FlagFilter(code: "sample-name-mismatch")).map(\.target)
        #expect(mismatch == ["NA12878", "NA12891"])
    }

    @Test func samplesCollectFactsAcrossFiles() throws {
        let sheet = GenomicHeader(format: "sample-sheet", sampleNames: ["S7", "S8"], sampleAssays: ["S7": "WES"])
        let bam = GenomicHeader(format: "BAM", sampleNames: ["S7"], referenceGenome: "GRCh38", readGroupCount: 0,
                                platform: "ILLUMINA", aligner: "bwa 0.7.17", hasEndOfFileBlock: true)
        let unnamed = GenomicHeader(format: "FASTQ")
        let (outcome, raised) = try ingest([
            file("sheet.csv", .genomic(sheet)), file("S7.bam", .genomic(bam)), file("lane1.fastq.gz", .genomic(unnamed)),
        ])
        #expect(outcome.byFormat == ["sample-sheet": 1, "BAM": 1, "FASTQ": 1])
        #expect(raised.isEmpty)
        #expect(try flags() == ["no-read-groups": "warning"])
        let samples = try lake.owner.samples()
        #expect(samples.map(\.sample.name) == ["S7", "S8", "lane1"])
        let s7 = try #require(samples.first)
        #expect(s7.sample.assay == "WES")
        #expect(s7.sample.referenceGenome == "GRCh38")
        #expect(s7.sample.aligner == "bwa 0.7.17")
        #expect(s7.formats == "BAM,sample-sheet")
        #expect(try lake.owner.samples(assay: "WES").map(\.sample.name) == ["S7"])
    }
}
