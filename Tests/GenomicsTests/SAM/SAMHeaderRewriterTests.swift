import Foundation
import Testing

@testable import Genomics

/// The curated copy of SAM and BAM files: samples renamed, identifying header fields and comments gone,
/// records untouched — checked with samtools on the output.
@Suite struct SAMHeaderRewriterTests {
    static func rename(_ name: String) -> String { "ANON-S-" + String(name.unicodeScalars.count) }

    static func write(_ bytes: [UInt8], suffix: String) throws -> String {
        let path = NSTemporaryDirectory() + "rewritten-" + UUID().uuidString + suffix
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func samHeaderLosesSampleNamesCommentsAndSiteFields() throws {
        let output = try SAMHeaderRewriter.rewriteSAM(try Fixture.bytes("sample.sam"), rename: Self.rename)
        let text = String(decoding: output, as: UTF8.self)
        let header = text.split(separator: "\n").filter { $0.hasPrefix("@") }
        #expect(header.contains("@RG\tID:rg1\tSM:ANON-S-8\tPL:ILLUMINA\tLB:lib1\tPU:HXXXXX.1"))
        #expect(header.contains("@RG\tID:rg2\tSM:ANON-S-3\tPL:ILLUMINA\tLB:lib2\tPU:HXXXXX.2"))
        #expect(!header.contains { $0.hasPrefix("@CO") })
        #expect(!text.contains("NA 12878") && !text.contains("Zoë") && !text.contains("Broad"))
        let original = String(decoding: try Fixture.bytes("sample.sam"), as: UTF8.self)
        let records = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("@") } }
        #expect(records(text) == records(original))
    }

    @Test func bamIsReemittedAsBGZFWithTheNewHeaderAndTheSameRecords() throws {
        let output = try SAMHeaderRewriter.rewriteBAM(try Fixture.bytes("sample.bam"), rename: Self.rename)
        #expect(output.suffix(28).elementsEqual(BGZFBlock.eofMarker))
        let reader = try BAMReader(window: ByteWindow(Inflater(ByteSource(bytes: output))))
        #expect(reader.binaryHeader.references.map(\.name) == ["chr1", "chr2"])
        var stats = FlagStats()
        try reader.accumulate(into: &stats)
        #expect(reader.recordCount == 60)
        guard PeerTool.available("samtools") else { return }
        let path = try Self.write(output, suffix: ".bam")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try PeerTool.run("samtools", ["view", "-H", path])
        #expect(text.contains("@RG\tID:rg1\tSM:ANON-S-8\tPL:ILLUMINA\tLB:lib1\tPU:HXXXXX.1\n"))
        #expect(!text.contains("@CO") && !text.contains("NA 12878") && !text.contains("CN:") && !text.contains("DT:"))
        let original = Fixture.path("sample.bam")
        #expect(try PeerTool.run("samtools", ["view", path]) == (try PeerTool.run("samtools", ["view", original])))
        // samtools quickcheck fails on a missing EOF block or a bad header.
        _ = try PeerTool.run("samtools", ["quickcheck", path])
    }

    @Test func aReadGroupIDNamingTheSampleIsRefused() throws {
        let sam = "@HD\tVN:1.6\n@RG\tID:PATIENT42.L1\tSM:PATIENT42\n"
        #expect(throws: GenomicsError.self) { try SAMHeaderRewriter.rewriteSAM(Array(sam.utf8), rename: Self.rename) }
        let damaged: [UInt8] = [0x1f, 0x8b, 0x08, 0x04]
        #expect(throws: GenomicsError.self) { try SAMHeaderRewriter.rewriteBAM(damaged, rename: Self.rename) }
    }
}
