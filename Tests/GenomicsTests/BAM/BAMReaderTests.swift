import Testing
@testable import Genomics

@Suite("BAM reader")
struct BAMReaderTests {
    /// Uncompressed BAM content: magic, header text (padded by `padding` NULs), references, then `records`.
    private func bamContent(text: String, references: [(String, Int32)], padding: Int = 0,
                            records: [[UInt8]] = []) -> [UInt8] {
        var bytes = Array("BAM\u{1}".utf8)
        let textBytes = Array(text.utf8) + [UInt8](repeating: 0, count: padding)
        bytes += BGZFWriter.littleEndian(Int32(textBytes.count)) + textBytes
        bytes += BGZFWriter.littleEndian(Int32(references.count))
        for (name, length) in references {
            bytes += BGZFWriter.littleEndian(Int32(name.utf8.count + 1)) + Array(name.utf8) + [0]
            bytes += BGZFWriter.littleEndian(length)
        }
        return bytes + records.flatMap { $0 }
    }

    /// A minimal alignment record with `flag` on reference 0 and its mate on `mate`.
    private func record(flag: UInt16, mate: Int32 = 0, blockSize: Int32? = nil) -> [UInt8] {
        var body = BGZFWriter.littleEndian(Int32(0)) + BGZFWriter.littleEndian(Int32(10))
        body += [2, 60, 0, 0, 0, 0, UInt8(flag & 0xff), UInt8(flag >> 8)]
        body += BGZFWriter.littleEndian(Int32(0)) + BGZFWriter.littleEndian(mate)
        body += BGZFWriter.littleEndian(Int32(0)) + BGZFWriter.littleEndian(Int32(0)) + Array("r\0".utf8)
        return BGZFWriter.littleEndian(blockSize ?? Int32(body.count)) + body
    }

    private func inspect(_ content: [UInt8]) -> GenomicFileReport {
        GenomicInspector().inspect(bytes: BGZFWriter.file(content, blockSize: 17), name: "test.bam")
    }

    @Test("reads the binary reference list and notes NUL padding")
    func binaryHeader() throws {
        let report = GenomicInspector().inspect(path: Fixture.path("padded.bam"))
        let binary = try #require(report.bamHeader)
        #expect(binary.paddedWithNULs)
        #expect(binary.references.map(\.name) == ["chr1", "chr2"])
        #expect(binary.references.map(\.length) == [1200, 800])
        #expect(binary.referenceDisagreements.isEmpty)
        #expect(GenomicInspector().inspect(path: Fixture.path("sample.bam")).bamHeader?.paddedWithNULs == false)
    }

    @Test("reports text and binary references that disagree")
    func disagreement() throws {
        let report = inspect(bamContent(text: "@SQ\tSN:chr1\tLN:100\n@SQ\tSN:chr2\tLN:50\n",
                                        references: [("chr1", 100), ("chr2", 60)]))
        #expect(report.bamHeader?.referenceDisagreements.count == 1)
        #expect(report.warnings.contains { $0.contains("binary length 60") })
    }

    @Test("records straddling tiny BGZF blocks are counted")
    func straddlingRecords() throws {
        let records = (0..<20).map { record(flag: $0 % 2 == 0 ? 0 : 0x200) }
        let report = inspect(bamContent(text: "@HD\tVN:1.6\n", references: [("c", 100)], records: records))
        #expect(report.error == nil)
        #expect(report.flagStats?.passed.total == 10)
        #expect(report.flagStats?.failed.total == 10)
        #expect(report.integrity.endMarkerPresent == true)
    }

    @Test("a block_size below 32 is a bad block size with facts so far")
    func badRecordSize() throws {
        let records = [record(flag: 0), record(flag: 0, blockSize: 8)]
        let report = inspect(bamContent(text: "", references: [("c", 100)], records: records))
        #expect(report.error?.reason == .badBlockSize)
        #expect(report.error?.field == "block_size")
        #expect(report.flagStats?.total == 1)
        #expect(report.bamHeader?.references.count == 1)
    }

    @Test("a huge l_text in a small file is truncated, not a huge allocation")
    func hugeTextLength() throws {
        var content = bamContent(text: "@HD\tVN:1.6\n", references: [])
        content.replaceSubrange(4..<8, with: BGZFWriter.littleEndian(Int32.max))
        let report = inspect(content)
        #expect(report.error?.reason == .truncated)
        #expect(report.error?.field == "l_text")
    }

    @Test("a file cut inside the reference list keeps the header text")
    func cutInReferences() throws {
        let content = bamContent(text: "@RG\tID:a\tSM:S1\n", references: [("chr1", 100), ("chr2", 50)])
        let report = inspect(Array(content.dropLast(6)))
        #expect(report.error?.reason == .truncated)
        #expect(report.samples == ["S1"])
        #expect(report.bamHeader == nil)
    }

    @Test("a BAM cut in its second BGZF block keeps the header of the first")
    func cutAfterHeaderBlock() throws {
        let bytes = try Fixture.bytes("sample.bam")
        let report = GenomicInspector().inspect(bytes: Array(bytes.prefix(1500)), name: "cut.bam")
        #expect(report.format == .bam)
        #expect(report.error?.reason == .truncated)
        #expect(report.samples == ["NA 12878", "Zoë"])
        #expect(report.flagStats?.total == 0)
    }

    @Test("a missing EOF block means truncated, as samtools quickcheck says")
    func missingEOF() throws {
        let report = GenomicInspector(headerOnly: true).inspect(path: Fixture.path("no-eof.bam"))
        #expect(report.integrity.endMarkerPresent == false)
        #expect(report.integrity.truncated)
        if PeerTool.available("samtools") {
            #expect(throws: (any Error).self) { try PeerTool.run("samtools", ["quickcheck", Fixture.path("no-eof.bam")]) }
        }
    }

    @Test("bad magic is named")
    func badMagic() throws {
        var content = bamContent(text: "", references: [])
        content[3] = 2
        let report = inspect(content)
        #expect(report.format == nil)
        #expect(report.error?.reason == .unsupportedFormat)
        let reader = #expect(throws: GenomicsError.self) {
            try BAMReader(window: ByteWindow(Inflater(ByteSource(bytes: BGZFWriter.file(content)))))
        }
        #expect(reader?.reason == .badMagic)
    }
}
