import Testing
@testable import Genomics

/// Every fixture cut at every byte offset: the reader must return a report (no crash, no hang), and a
/// cut inside a compressed or structured file must show as an error or as truncation.
@Suite("truncation at every offset")
struct TruncationTests {
    @Test("never crashes and reports damage", arguments: Fixture.all)
    func everyOffset(name: String) throws {
        let bytes = try Fixture.bytes(name)
        let whole = GenomicInspector().inspect(bytes: bytes, name: name)
        for length in 0..<bytes.count {
            let report = GenomicInspector().inspect(bytes: Array(bytes[0..<length]), name: name)
            if length == 0 {
                #expect(report.error?.reason == .empty)
            } else if whole.compression == .bgzf || whole.format == .cram {
                #expect(report.error != nil || report.integrity.truncated, "\(name) cut at \(length)")
            }
            expectFactsSoFar(report, within: whole, name: name, length: length)
        }
    }

    /// What a cut file reports is a part of what the whole file reports: binary headers arrive whole or not
    /// at all, and counts never exceed the whole file's.
    private func expectFactsSoFar(_ report: GenomicFileReport, within whole: GenomicFileReport, name: String,
                                  length: Int) {
        if whole.format == .bam || whole.format == .cram, let header = report.samHeader {
            #expect(header == whole.samHeader, "\(name) cut at \(length)")
        }
        if whole.format == .bcf, let header = report.vcfHeader {
            #expect(header == whole.vcfHeader, "\(name) cut at \(length)")
        }
        #expect((report.flagStats?.total ?? 0) <= (whole.flagStats?.total ?? 0), "\(name) cut at \(length)")
        #expect((report.variantStats?.records ?? 0) <= (whole.variantStats?.records ?? 0), "\(name) cut at \(length)")
        #expect((report.fastqStats?.reads ?? 0) <= (whole.fastqStats?.reads ?? 0), "\(name) cut at \(length)")
        #expect((report.cram?.records ?? 0) <= (whole.cram?.records ?? 0), "\(name) cut at \(length)")
    }
}
