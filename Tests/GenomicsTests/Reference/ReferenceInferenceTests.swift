import Testing
@testable import Genomics

@Suite("reference inference")
struct ReferenceInferenceTests {
    @Test("builds and flavours from contig names and lengths", arguments: [
        ([("chr1", 249_250_621), ("chr2", 243_199_373)], "GRCh37", "hg19"),
        ([("1", 249_250_621), ("X", 155_270_560), ("hs37d5", 35_477_943)], "GRCh37", "hs37d5"),
        ([("1", 249_250_621), ("GL000207.1", 4262)], "GRCh37", "b37"),
        ([("chr1", 248_956_422), ("chrX", 156_040_895)], "GRCh38", "hg38"),
        ([("1", 248_956_422)], "GRCh38", nil),
        ([("chr1", 247_249_719)], "NCBI36", "hg18"),
    ] as [([(String, Int64)], String, String?)])
    func inferred(contigs: [(String, Int64)], build: String, flavor: String?) throws {
        let reference = try #require(ReferenceInference.infer(contigs: contigs.map { (name: $0.0, length: $0.1) }))
        #expect(reference.build == build)
        #expect(reference.flavor == flavor)
        #expect(reference.inferred)
    }

    @Test("mixed or unknown lengths infer nothing")
    func noMatch() {
        #expect(ReferenceInference.infer(contigs: [("chr1", 249_250_621), ("chr2", 242_193_529)]) == nil)
        #expect(ReferenceInference.infer(contigs: [("chr1", 1200)]) == nil)
    }

    @Test("a stated build wins and is not marked inferred")
    func stated() throws {
        let reference = try #require(ReferenceInference.identify(
            statements: ["file:///refs/Homo_sapiens_assembly38.fasta"], contigs: [("chr1", 249_250_621)]))
        #expect(reference.build == "GRCh38")
        #expect(!reference.inferred)
    }

    @Test("a VCF header with GRCh37 contigs is inferred in the report")
    func fromReport() {
        let text = "##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n##contig=<ID=2,length=243199373>\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        let report = GenomicInspector().inspect(bytes: Array(text.utf8), name: "b37.vcf")
        #expect(report.reference?.build == "GRCh37")
        #expect(report.reference?.inferred == true)
    }
}
