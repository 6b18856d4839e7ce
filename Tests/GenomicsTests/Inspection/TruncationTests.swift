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
        }
    }
}
