import Testing
@testable import Genomics

@Suite("Inflater")
struct InflaterTests {
    /// All decompressed bytes of `bytes`, read through the window as the readers do.
    private func inflate(_ bytes: [UInt8]) throws -> (Compression, [UInt8], Inflater) {
        let inflater = try Inflater(ByteSource(bytes: bytes))
        let window = ByteWindow(inflater)
        var content: [UInt8] = []
        while try window.ensure(1) {
            content += window.bytes
            window.consume(window.count)
        }
        return (inflater.compression, content, inflater)
    }

    @Test("detects plain, gzip and BGZF from content", arguments: [
        ("sample.sam", Compression.plain), ("sample.sam.gz", .gzip), ("sample.bam", .bgzf),
        ("sample.vcf.gz", .bgzf), ("sample.gzip.vcf.gz", .gzip), ("sample.cram", .plain),
    ])
    func detection(name: String, expected: Compression) throws {
        let inflater = try Inflater(ByteSource(bytes: Fixture.bytes(name)))
        #expect(inflater.compression == expected)
    }

    @Test("gzip, multi-member gzip and BGZF inflate to the same text")
    func sameContent() throws {
        let plain = try Fixture.bytes("sample.sam")
        #expect(try inflate(Fixture.bytes("sample.sam.gz")).1 == plain)
        let (_, multi, inflater) = try inflate(Fixture.bytes("multi-member.sam.gz"))
        #expect(multi == plain)
        #expect(inflater.blockCount == 2)
        #expect(try inflate(BGZFWriter.file(plain, blockSize: 1000)).1 == plain)
    }

    @Test("the last BGZF block being empty is noted")
    func eofBlock() throws {
        let (_, _, withEOF) = try inflate(BGZFWriter.file(Array("hello\n".utf8)))
        #expect(withEOF.lastBlockWasEmpty)
        let (_, _, withoutEOF) = try inflate(BGZFWriter.block(Array("hello\n".utf8)))
        #expect(!withoutEOF.lastBlockWasEmpty)
    }

    @Test("a flipped payload bit fails the CRC32 check with the block's offset")
    func crcMismatch() throws {
        var bytes = BGZFWriter.block(Array("first block\n".utf8))
        let second = BGZFWriter.block(Array("second block\n".utf8))
        let secondOffset = bytes.count
        bytes += second
        bytes[secondOffset + second.count - 8] ^= 0xff
        let error = #expect(throws: GenomicsError.self) { try inflate(bytes) }
        #expect(error?.reason == .checksumMismatch)
        #expect(error?.offset == Int64(secondOffset))
        #expect(error?.field == "CRC32")
    }

    @Test("an impossible BSIZE is a bad block size")
    func badBlockSize() throws {
        var bytes = BGZFWriter.block(Array("x".utf8))
        bytes[16] = 3
        bytes[17] = 0
        let error = #expect(throws: GenomicsError.self) { try inflate(bytes) }
        #expect(error?.reason == .badBlockSize)
    }

    @Test("a block cut short is truncated")
    func truncatedBlock() throws {
        let bytes = BGZFWriter.block(Array("some content\n".utf8))
        let error = #expect(throws: GenomicsError.self) { try inflate(Array(bytes.dropLast(3))) }
        #expect(error?.reason == .truncated)
        #expect(error?.offset == 0)
    }

    @Test("corrupt deflate data is an inflate error")
    func corruptDeflate() throws {
        var bytes = try Fixture.bytes("sample.sam.gz")
        for index in 20..<60 { bytes[index] = 0xff }
        let error = #expect(throws: GenomicsError.self) { try inflate(bytes) }
        #expect(error?.reason == .inflateFailed)
    }

    @Test("a gzip member cut short is truncated")
    func truncatedGzip() throws {
        let bytes = try Fixture.bytes("sample.sam.gz")
        let error = #expect(throws: GenomicsError.self) { try inflate(Array(bytes.prefix(bytes.count / 2))) }
        #expect(error?.reason == .truncated)
    }
}
