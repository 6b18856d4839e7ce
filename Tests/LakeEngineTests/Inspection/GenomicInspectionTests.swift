import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// `inspectGenomicFile` reads a stored file's header back from its tier (and its records on request).
@Suite struct GenomicInspectionTests {
    let lake: TemporaryLake
    let entry: GenomicFileEntry

    init() throws {
        lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try write("""
            ##fileformat=VCFv4.3
            ##contig=<ID=chr1,length=248956422>
            ##contig=<ID=chr2,length=242193529>
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA12891
            chr1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1
            chr1\t200\t.\tAT\tA\t50\tPASS\t.\tGT\t1/1
            chr2\t300\t.\tC\tT\t50\tPASS\t.\tGT\t0/1

            """, to: input + "/NA12891.vcf")
        _ = try lake.owner.ingest([input], dataset: "g")
        entry = try #require(try lake.owner.genomicFiles(dataset: "g", sample: "NA12891").first)
    }

    @Test func headerIsReadFromTheTierWithoutTheRecords() throws {
        let inspection = try lake.owner.inspectGenomicFile(dataset: "g", sample: "NA12891", sha256: entry.sha256)
        #expect(inspection.entry == entry)
        #expect(inspection.report.format == .vcf)
        #expect(inspection.report.vcfHeader?.samples == ["NA12891"])
        #expect(inspection.report.vcfHeader?.contigs.map(\.id) == ["chr1", "chr2"])
        #expect(inspection.report.variantStats == nil)
        #expect(inspection.report.path == entry.path, "named as ingested, not by its place in the tier")
    }

    @Test func theAnswerNamesNoTierFolder() throws {
        let tierRoot = try lake.owner.tier(named: entry.tier).root
        for streaming in [false, true] {
            let inspection = try lake.owner.inspectGenomicFile(
                dataset: "g", sample: "NA12891", sha256: entry.sha256, streaming: streaming)
            let json = String(decoding: try JSONEncoder().encode(inspection), as: UTF8.self)
            #expect(!json.contains(tierRoot), "\(json)")
            #expect(inspection.report.path == entry.path)
        }
    }

    @Test func streamingCountsTheRecords() throws {
        let inspection = try lake.owner.inspectGenomicFile(
            dataset: "g", sample: "NA12891", sha256: entry.sha256, streaming: true)
        let stats = try #require(inspection.report.variantStats)
        #expect(stats.records == 3)
        #expect(stats.snvs == 2)
        #expect(stats.indels == 1)
    }

    @Test func flagsOnTheSampleComeWithTheFile() throws {
        let added = try lake.owner.addFlag(target: "NA12891", code: "needs-review", note: "check the caller")
        let inspection = try lake.owner.inspectGenomicFile(dataset: "g", sample: "NA12891", sha256: entry.sha256)
        #expect(inspection.flags.contains { $0.id == added.id && $0.note == "check the caller" })
    }

    @Test func aFileThatIsNotTheSamplesIsNotFound() {
        let other = String(repeating: "0", count: 64)
        for (sample, sha256) in [("NA12891", other), ("nobody", entry.sha256)] {
            #expect {
                try lake.owner.inspectGenomicFile(dataset: "g", sample: sample, sha256: sha256)
            } throws: { error in
                guard case .notFound(let kind, let id)? = error as? LakeError else { return false }
                return kind == "genomic file" && id == sha256
            }
        }
    }
}
