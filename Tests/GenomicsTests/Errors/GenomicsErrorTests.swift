import Testing
@testable import Genomics

@Suite("GenomicsError")
struct GenomicsErrorTests {
    @Test("the description names reason, file, offset and field")
    func description() {
        let error = GenomicsError(.badBlockSize, offset: 1234, field: "BSIZE", detail: "too small").at(path: "a.bam")
        #expect(error.description == "badBlockSize in a.bam at byte 1234 (BSIZE): too small")
        #expect(error.at(path: "other.bam").path == "a.bam")
    }

    @Test("empty and unreadable files")
    func emptyAndMissing() {
        let empty = GenomicInspector().inspect(path: Fixture.path("empty.vcf"))
        #expect(empty.error?.reason == .empty)
        #expect(empty.error?.path == Fixture.path("empty.vcf"))
        let missing = GenomicInspector().inspect(path: "/nonexistent/file.bam")
        #expect(missing.error?.reason == .unreadable)
    }
}
