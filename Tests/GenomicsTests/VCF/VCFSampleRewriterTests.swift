import Foundation
import Testing

@testable import Genomics

@Suite struct VCFSampleRewriterTests {
    static func rename(_ name: String) -> String { "ANON-" + String(name.unicodeScalars.count) }

    @Test func plainVCFGetsNewSampleNamesAndKeepsItsRecords() throws {
        let original = try Fixture.bytes("sample.vcf")
        let rewritten = try VCFSampleRewriter.rewrite(original, rename: Self.rename)
        let text = String(decoding: rewritten, as: UTF8.self)
        let before = String(decoding: original, as: UTF8.self)
        #expect(text.contains("FORMAT\tANON-8\tANON-3\tANON-5\n"))
        #expect(!text.contains("HG002") && !text.contains("NA 12878"))
        let records = { (vcf: String) in vcf.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(records(text) == records(before))
        #expect(!VCFSampleRewriter.isCompressed(rewritten))
    }

    @Test func compressedVCFComesBackAsBGZFThatHtslibReads() throws {
        let original = try Fixture.bytes("sample.vcf.gz")
        let rewritten = try VCFSampleRewriter.rewrite(original, rename: Self.rename)
        #expect(VCFSampleRewriter.isCompressed(rewritten))
        #expect(Array(rewritten.suffix(28)) == BGZFBlock.eofMarker)
        let report = GenomicInspector().inspect(bytes: rewritten, name: "rewritten.vcf.gz")
        #expect(report.samples == ["ANON-8", "ANON-3", "ANON-5"])
        if PeerTool.available("bcftools") {
            let path = NSTemporaryDirectory() + "rewritten-\(UUID().uuidString).vcf.gz"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(rewritten).write(to: URL(fileURLWithPath: path))
            #expect(try PeerTool.run("bcftools", ["query", "-l", path]) == "ANON-8\nANON-3\nANON-5\n")
        }
    }

    @Test func aFileWithoutColumnsIsRefused() {
        #expect(throws: GenomicsError.self) {
            try VCFSampleRewriter.rewrite(Array("##fileformat=VCFv4.3\n1\t1\t.\tA\tC\n".utf8), rename: Self.rename)
        }
    }
}
