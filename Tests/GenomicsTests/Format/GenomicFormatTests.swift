import Testing
@testable import Genomics

@Suite("format sniffing")
struct GenomicFormatTests {
    @Test("tells formats apart by content, whatever the name", arguments: [
        ("sample.sam", GenomicFormat.sam), ("sample.crlf.sam", .sam), ("sample.sam.gz", .sam), ("sample.bam", .bam),
        ("sample.cram", .cram), ("sample.v21.cram", .cram), ("sample.vcf", .vcf), ("sample.vcf.gz", .vcf),
        ("sample.gzip.vcf.gz", .vcf), ("sample.bcf", .bcf), ("NA12878_S1_L002_R1_001.fastq", .fastq),
        ("NA12878_S1_L002_R2_001.fastq.gz", .fastq), ("SampleSheet.csv", .sampleSheet), ("tolerated.vcf", .vcf),
    ])
    func sniff(name: String, expected: GenomicFormat) throws {
        #expect(try GenomicFormat.sniff(bytes: Fixture.bytes(name)) == expected)
        #expect(try GenomicFormat.sniff(path: Fixture.path(name)) == expected)
    }

    @Test("headerless SAM, plain CSV with a sample column, and unknown content")
    func edgeCases() {
        let sam = "r1\t0\tchr1\t10\t60\t4M\t*\t0\t0\tACGT\tIIII\n"
        #expect(GenomicFormat.sniff(bytes: Array(sam.utf8)) == .sam)
        #expect(GenomicFormat.sniff(bytes: Array("Sample_ID,index\nS1,ACGT\n".utf8)) == .sampleSheet)
        #expect(GenomicFormat.sniff(bytes: Array("hello world\n".utf8)) == nil)
        #expect(GenomicFormat.sniff(bytes: []) == nil)
    }
}
