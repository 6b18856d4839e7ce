import Testing
@testable import Genomics

@Suite("FASTQ")
struct FASTQReaderTests {
    @Test("counts reads, bases, lengths, GC and Phred+33 with Casava 1.8 names")
    func casava() throws {
        for name in ["NA12878_S1_L002_R1_001.fastq", "NA12878_S1_L002_R2_001.fastq.gz"] {
            let report = GenomicInspector().inspect(path: Fixture.path(name))
            #expect(report.error == nil)
            let stats = try #require(report.fastqStats)
            #expect(stats.reads == 25)
            #expect(stats.minimumLength == 30)
            #expect(stats.maximumLength == 36)
            #expect(stats.qualityEncoding == .phred33)
            let gc = try #require(stats.gcFraction)
            #expect(gc > 0.3 && gc < 0.7)
            #expect(stats.firstReadName?.instrument == "A00123")
            #expect(stats.firstReadName?.run == "8")
            #expect(stats.firstReadName?.flowcell == "HABCDEFXX")
            #expect(stats.firstReadName?.lane == "2")
            #expect(stats.mateFromNames == (name.contains("_R1_") ? 1 : 2))
            #expect(report.samples == ["NA12878"])
        }
    }

    @Test("exact counts on a hand-written file")
    func exactCounts() throws {
        let text = "@r1/1\nACGTGG\n+\nIIIIII\n@r2/1\nAT\n+\n##\n"
        let stats = try #require(GenomicInspector().inspect(bytes: Array(text.utf8), name: "x.fq").fastqStats)
        #expect(stats.reads == 2)
        #expect(stats.bases == 8)
        #expect(stats.gcBases == 4)
        #expect(stats.meanLength == 4)
        #expect(stats.mateFromNames == 1)
    }

    @Test("old Illumina names and Phred+64")
    func legacy() throws {
        let stats = try #require(GenomicInspector().inspect(path: Fixture.path("old-illumina_1.fq")).fastqStats)
        #expect(stats.qualityEncoding == .phred64)
        #expect(stats.firstReadName?.instrument == "HWUSI-EAS100R")
        #expect(stats.firstReadName?.lane == "6")
        #expect(stats.firstReadName?.index == "0")
        #expect(stats.mateFromNames == 1)
    }

    @Test("a read cut after its sequence is truncated; mismatched lengths are malformed")
    func errors() {
        let cut = GenomicInspector().inspect(bytes: Array("@a\nACGT\n+\nIIII\n@b\nAC\n".utf8), name: "cut.fq")
        #expect(cut.error?.reason == .truncated)
        #expect(cut.fastqStats?.reads == 1)
        let bad = GenomicInspector().inspect(bytes: Array("@a\nACGT\n+\nIII\n".utf8), name: "bad.fq")
        #expect(bad.error?.reason == .malformedRecord)
    }

    @Test("file names give sample, lane and mate", arguments: [
        ("NA12878_S1_L002_R1_001.fastq.gz", "NA12878", "002", 1), ("tumor_R2.fq.gz", "tumor", nil, 2),
        ("normal.R1.fastq", "normal", nil, 1), ("sampleA_2.fq", "sampleA", nil, 2), ("reads.fastq", "reads", nil, nil),
    ] as [(String, String, String?, Int?)])
    func fileNames(name: String, sample: String, lane: String?, mate: Int?) {
        let parsed = FASTQFileName("/data/" + name)
        #expect(parsed.sample == sample)
        #expect(parsed.lane == lane)
        #expect(parsed.mate == mate)
    }
}
