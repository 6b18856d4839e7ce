import Foundation
import Testing
@testable import Genomics

@Suite("flagstat counts")
struct FlagStatsTests {
    @Test("match samtools flagstat on every alignment fixture", arguments: [
        "sample.sam", "sample.crlf.sam", "sample.sam.gz", "multi-member.sam.gz", "sample.bam", "padded.bam",
        "no-sq.sam", "no-sq.bam",
    ])
    func matchSamtools(name: String) throws {
        try #require(PeerTool.available("samtools"))
        let json = try PeerTool.run("samtools", ["flagstat", "-O", "json", Fixture.path(name)])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let report = GenomicInspector().inspect(path: Fixture.path(name))
        #expect(report.error == nil)
        let stats = try #require(report.flagStats)
        try expect(stats.passed, equals: #require(object["QC-passed reads"] as? [String: Any]))
        try expect(stats.failed, equals: #require(object["QC-failed reads"] as? [String: Any]))
    }

    private func expect(_ counts: FlagCounts, equals expected: [String: Any]) {
        let pairs: [(String, Int)] = [
            ("total", counts.total), ("primary", counts.primary), ("secondary", counts.secondary),
            ("supplementary", counts.supplementary), ("duplicates", counts.duplicates),
            ("primary duplicates", counts.primaryDuplicates), ("mapped", counts.mapped),
            ("primary mapped", counts.primaryMapped), ("paired in sequencing", counts.paired),
            ("read1", counts.read1), ("read2", counts.read2), ("properly paired", counts.properlyPaired),
            ("with itself and mate mapped", counts.withItselfAndMateMapped), ("singletons", counts.singletons),
            ("with mate mapped to a different chr", counts.mateOnDifferentReference),
            ("with mate mapped to a different chr (mapQ >= 5)", counts.mateOnDifferentReferenceMapQ5),
        ]
        for (key, value) in pairs {
            #expect((expected[key] as? Int) == value, "\(key)")
        }
    }

    @Test("the fixture exercises every flagstat line")
    func fixtureCoversAllLines() throws {
        let stats = try #require(GenomicInspector().inspect(path: Fixture.path("sample.bam")).flagStats)
        let counts = [stats.passed.secondary, stats.passed.supplementary, stats.passed.duplicates,
                      stats.passed.singletons, stats.passed.mateOnDifferentReference, stats.failed.total,
                      stats.passed.total - stats.passed.mapped]
        #expect(counts.allSatisfy { $0 > 0 })
    }
}
