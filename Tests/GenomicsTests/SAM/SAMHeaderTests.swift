import Testing
@testable import Genomics

@Suite("SAM header")
struct SAMHeaderTests {
    @Test("reads @HD, @SQ, @RG, @PG and @CO fields")
    func fields() throws {
        let header = try SAMTextReader(window: window("sample.sam")).header
        #expect(header.version == "1.6")
        #expect(header.sortOrder == "unsorted")
        #expect(header.references.map(\.name) == ["chr1", "chr2"])
        #expect(header.references.map(\.length) == [1200, 800])
        #expect(header.references.first?.md5?.count == 32)
        #expect(header.references.first?.assembly == "toy1")
        let group = try #require(header.readGroups.first)
        #expect(group.id == "rg1")
        #expect(group.sample == "NA 12878")
        #expect(group.platform == "ILLUMINA")
        #expect(group.library == "lib1")
        #expect(group.platformUnit == "HXXXXX.1")
        #expect(group.center == "Broad")
        #expect(group.date == "2024-01-02")
        #expect(header.readGroups.last?.sample == "Zoë")
        #expect(header.comments == ["This is a comment\twith a tab"])
        let report = GenomicInspector(headerOnly: true).inspect(path: Fixture.path("sample.bam"))
        #expect(report.programChains == [["bwa", "samtools", "picard", "samtools.1"]])
        #expect(header.warnings.isEmpty)
    }

    @Test("keeps tabs inside values and warns")
    func tabsInsideValues() throws {
        let header = try SAMTextReader(window: window("tabs-in-values.sam")).header
        #expect(header.readGroups.first?.description == "two\twords")
        #expect(header.readGroups.first?.platform == "ILLUMINA")
        #expect(header.programs.first?.commandLine == "bwa mem\tref.fa\treads.fq")
        #expect(header.warnings.count == 2)
    }

    @Test("orders the @PG chain by PP links whatever the line order")
    func programChain() {
        let header = SAMHeader(text: """
            @PG\tID:c\tPN:picard\tPP:b
            @PG\tID:a\tPN:bwa\tVN:0.7.17
            @PG\tID:b\tPN:samtools\tPP:a
            @PG\tID:x\tPN:other
            @PG\tID:loop1\tPP:loop2
            @PG\tID:loop2\tPP:loop1
            """)
        let chains = header.programChains
        #expect(chains.first?.map(\.id) == ["a", "b", "c"])
        #expect(chains.contains { $0.map(\.id) == ["x"] })
        #expect(header.aligner?.name == "bwa")
    }

    @Test("CRLF line ends and headers without @SQ")
    func crlfAndNoSQ() throws {
        let crlf = try SAMTextReader(window: window("sample.crlf.sam")).header
        let plain = try SAMTextReader(window: window("sample.sam")).header
        #expect(crlf == plain)
        let noSQ = try SAMTextReader(window: window("no-sq.sam")).header
        #expect(noSQ.references.isEmpty)
        #expect(noSQ.readGroups.first?.sample == "unaligned1")
    }

    @Test("agrees with samtools view -H on SAM, gzip SAM, BAM and CRAM",
          arguments: ["sample.sam", "sample.sam.gz", "sample.bam", "padded.bam", "no-sq.bam", "sample.cram",
                      "sample.v21.cram", "sample.v31.cram"])
    func agreesWithSamtools(name: String) throws {
        try #require(PeerTool.available("samtools"))
        let expected = SAMHeader(text: try PeerTool.run("samtools", ["view", "-H", "--no-PG", Fixture.path(name)]))
        let report = GenomicInspector(headerOnly: true).inspect(path: Fixture.path(name))
        #expect(report.error == nil)
        #expect(report.samHeader == expected)
    }

    private func window(_ name: String) throws -> ByteWindow<Inflater> {
        ByteWindow(try Inflater(ByteSource(bytes: Fixture.bytes(name))))
    }
}
