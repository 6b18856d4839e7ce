import Testing
@testable import Genomics

@Suite("samples across files")
struct SampleCollectorTests {
    @Test("one record per sample, merging BAM, VCF, FASTQ and sample-sheet facts")
    func merge() throws {
        let names = ["sample.bam", "sample.vcf.gz", "NA12878_S1_L002_R1_001.fastq",
                     "NA12878_S1_L002_R2_001.fastq.gz", "SampleSheet.csv"]
        let reports = names.map { GenomicInspector(headerOnly: true).inspect(path: Fixture.path($0)) }
        let samples = SampleCollector.collect(reports)
        #expect(samples.map(\.name) == ["NA 12878", "Zoë", "HG002", "NA12878"])
        let first = try #require(samples.first)
        #expect(first.formats == [.bam, .vcf])
        #expect(first.platform == "ILLUMINA")
        #expect(first.aligner == "bwa 0.7.17-r1188")
        #expect(first.variantCaller == "GATK HaplotypeCaller 4.2")
        let fastq = try #require(samples.last)
        #expect(fastq.files.count == 3)
        #expect(fastq.assay == "WGS")
        #expect(fastq.platform == "ILLUMINA")
    }

    @Test("an RNA aligner makes the assay RNA; GATKCommandLine names the caller")
    func rnaAndCaller() {
        var bam = GenomicFileReport(path: "rna.bam")
        bam.samHeader = SAMHeader(text: "@RG\tID:1\tSM:S\n@PG\tID:STAR\tPN:STAR\tVN:2.7.10a\n")
        bam.samples = ["S"]
        var vcf = GenomicFileReport(path: "s.vcf")
        vcf.vcfHeader = VCFHeader(text: "##GATKCommandLine=<ID=HaplotypeCaller,Version=4.1>\n#CHROM\tPOS\tID\tREF\t"
                                  + "ALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n")
        vcf.samples = ["S"]
        let sample = SampleCollector.collect([bam, vcf]).first
        #expect(sample?.assay == "RNA")
        #expect(sample?.aligner == "STAR 2.7.10a")
        #expect(sample?.variantCaller == "HaplotypeCaller 4.1")
    }

    @Test("Illumina and plain CSV sample sheets")
    func sampleSheets() throws {
        let illumina = try SampleSheet(text: String(decoding: Fixture.bytes("SampleSheet.csv"), as: UTF8.self))
        #expect(illumina.rows.map(\.sample) == ["NA12878", "HG002"])
        #expect(illumina.headerFields["Assay"] == "TruSeq DNA PCR-Free")
        let plain = try SampleSheet(text: "sample,assay,platform\r\n\"Doe, J\",exome,ILLUMINA\r\nX,RNA-seq,ONT\r\n")
        #expect(plain.rows.map(\.sample) == ["Doe, J", "X"])
        #expect(plain.rows.map(\.assay) == ["WES", "RNA"])
        #expect(throws: GenomicsError.self) { try SampleSheet(text: "\n\n") }
    }
}
