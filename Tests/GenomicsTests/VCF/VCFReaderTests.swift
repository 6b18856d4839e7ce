import Testing
@testable import Genomics

@Suite("VCF and BCF")
struct VCFReaderTests {
    @Test("reads the header facts")
    func headerFacts() throws {
        let header = try #require(GenomicInspector().inspect(path: Fixture.path("sample.vcf")).vcfHeader)
        #expect(header.fileFormat == "VCFv4.2")
        #expect(header.reference == "file:///refs/toy1.fa")
        #expect(header.contigs.map(\.id) == ["chr1", "chr2"])
        #expect(header.contigs.first?.length == 1200)
        #expect(header.contigs.first?.assembly == "toy1")
        #expect(header.info.map(\.id) == ["DP", "AF"])
        #expect(header.info.first?.description == "Total depth, all samples")
        #expect(header.info.first?.type == "Integer")
        #expect(header.format.map(\.id) == ["GT", "DP"])
        #expect(header.filters.map(\.id) == ["q10"])
        #expect(header.sources == ["GATK HaplotypeCaller 4.2"])
        #expect(header.otherMeta.map(\.key) == ["fileDate", "pipeline"])
        #expect(header.samples == ["NA 12878", "Zoë", "HG002"])
    }

    @Test("sample names agree with bcftools query -l",
          arguments: ["sample.vcf", "sample.vcf.gz", "sample.gzip.vcf.gz", "sample.bcf", "v40.vcf"])
    func samplesMatchBcftools(name: String) throws {
        try #require(PeerTool.available("bcftools"))
        let expected = try PeerTool.run("bcftools", ["query", "-l", Fixture.path(name)])
            .split(separator: "\n").map(String.init)
        let report = GenomicInspector(headerOnly: true).inspect(path: Fixture.path(name))
        #expect(report.samples == expected)
    }

    @Test("header definitions agree with bcftools view -h",
          arguments: ["sample.vcf", "sample.vcf.gz", "sample.bcf"])
    func definitionsMatchBcftools(name: String) throws {
        try #require(PeerTool.available("bcftools"))
        let text = try PeerTool.run("bcftools", ["view", "-h", "--no-version", Fixture.path(name)])
        let expected = VCFHeader(text: text)
        let header = try #require(GenomicInspector(headerOnly: true).inspect(path: Fixture.path(name)).vcfHeader)
        #expect(header.fileFormat == expected.fileFormat)
        #expect(header.contigs.map(\.id) == expected.contigs.map(\.id))
        #expect(header.contigs.map(\.length) == expected.contigs.map(\.length))
        #expect(Set(header.info.map(\.id)) == Set(expected.info.map(\.id)))
        #expect(Set(header.format.map(\.id)) == Set(expected.format.map(\.id)))
        // htslib always defines PASS; the file itself may not.
        #expect(Set(header.filters.map(\.id)).union(["PASS"]) == Set(expected.filters.map(\.id)))
        #expect(header.samples == expected.samples)
    }

    @Test("VCF, BGZF VCF, gzip VCF and BCF give the same record counts",
          arguments: ["sample.vcf", "sample.vcf.gz", "sample.gzip.vcf.gz", "sample.bcf"])
    func recordCounts(name: String) throws {
        let report = GenomicInspector().inspect(path: Fixture.path(name))
        #expect(report.error == nil)
        let stats = try #require(report.variantStats)
        #expect(stats.records == 8)
        #expect(stats.snvs == 3)
        #expect(stats.indels == 3)
        #expect(stats.others == 2)
        #expect(stats.passed == 5)
        #expect(stats.perContig.map(\.contig) == ["chr1", "chr2"])
        #expect(stats.perContig.map(\.records) == [5, 3])
        if PeerTool.available("bcftools") {
            let count = try PeerTool.run("bcftools", ["view", "-H", Fixture.path(name)]).split(separator: "\n").count
            #expect(stats.records == count)
        }
    }

    @Test("tolerates spaces in #CHROM, undeclared contigs and extra columns with warnings")
    func tolerated() throws {
        let report = GenomicInspector().inspect(path: Fixture.path("tolerated.vcf"))
        #expect(report.error == nil)
        #expect(report.samples == ["S1", "S2"])
        #expect(report.variantStats?.records == 3)
        #expect(report.variantStats?.perContig.last?.contig == "chr9")
        #expect(report.warnings.contains { $0.contains("spaces") })
        #expect(report.warnings.contains { $0.contains("do") && $0.contains("declare") })
        #expect(report.warnings.contains { $0.contains("more columns") })
    }

    @Test("a BGZF VCF or BCF without its EOF block is truncated even header-only", arguments: ["sample.vcf.gz", "sample.bcf"])
    func missingEOF(name: String) throws {
        let bytes = try Fixture.bytes(name)
        let report = GenomicInspector(headerOnly: true).inspect(bytes: Array(bytes.dropLast(28)), name: name)
        #expect(report.integrity.endMarkerPresent == false)
        #expect(report.integrity.truncated)
        #expect(report.samples == ["NA 12878", "Zoë", "HG002"])
    }

    @Test("VCF 4.0 and the BCF version")
    func versions() throws {
        #expect(GenomicInspector().inspect(path: Fixture.path("v40.vcf")).vcfHeader?.fileFormat == "VCFv4.0")
        #expect(GenomicInspector().inspect(path: Fixture.path("sample.bcf")).bcfVersion == "2.2")
    }

    @Test("structured meta values keep quoted commas and escapes")
    func structuredFields() {
        let fields = VCFHeader.structuredFields(#"<ID=X,Description="a, \"b\"",Number=1>"#)
        #expect(fields?["Description"] == #"a, "b""#)
        #expect(fields?["Number"] == "1")
        #expect(VCFHeader.structuredFields("plain") == nil)
    }

    @Test("a record with fewer than 8 columns is malformed, with the records before it counted")
    func shortRecord() {
        let text = "##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nc\t1\t.\tA\tT\t.\tPASS\t.\nc\t2\n"
        let report = GenomicInspector().inspect(bytes: Array(text.utf8), name: "short.vcf")
        #expect(report.error?.reason == .malformedRecord)
        #expect(report.error?.field == "line 4")
        #expect(report.variantStats?.records == 1)
    }
}
