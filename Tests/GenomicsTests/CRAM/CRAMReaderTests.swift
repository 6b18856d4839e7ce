import Foundation
import Testing
@testable import Genomics

@Suite("CRAM reader")
struct CRAMReaderTests {
    @Test("reads version, file id, containers and records without decoding slices", arguments: [
        ("sample.cram", "3.0", "gzip"), ("sample.v21.cram", "2.1", "raw"), ("sample.v31.cram", "3.1", "gzip"),
    ])
    func structure(name: String, version: String, codec: String) throws {
        let report = GenomicInspector().inspect(path: Fixture.path(name))
        #expect(report.error == nil)
        let cram = try #require(report.cram)
        #expect(cram.version == version)
        #expect(cram.fileID == name)
        #expect(cram.headerCodec == codec)
        #expect(cram.eofContainer)
        #expect(cram.containers > 0)
        #expect(report.integrity.endMarkerPresent == true)
        let headerOnly = GenomicInspector(headerOnly: true).inspect(path: Fixture.path(name))
        #expect(headerOnly.integrity.endMarkerPresent == true)
        #expect(headerOnly.samHeader == report.samHeader)
        if PeerTool.available("samtools") {
            let count = try PeerTool.run("samtools", ["view", "-c", "-T", Fixture.path("ref.fa"), Fixture.path(name)])
            #expect(String(cram.records) == count.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test("a CRAM cut before its EOF container is truncated")
    func truncated() throws {
        let bytes = try Fixture.bytes("sample.cram")
        let header = GenomicInspector(headerOnly: true).inspect(bytes: Array(bytes.dropLast(38)), name: "cut.cram")
        #expect(header.integrity.endMarkerPresent == false)
        #expect(header.integrity.truncated)
        let full = GenomicInspector().inspect(bytes: Array(bytes.dropLast(10)), name: "cut.cram")
        #expect(full.error?.reason == .truncated)
        #expect(full.samHeader?.readGroups.count == 2)
    }

    @Test("a header block in another codec is a clear unsupported-codec error")
    func unsupportedCodec() throws {
        var bytes = try Fixture.bytes("sample.v21.cram")
        let headerLength = try ContainerProbe.headerLength(of: bytes, at: 26)
        #expect(bytes[26 + headerLength] == 0)
        bytes[26 + headerLength] = 2
        let report = GenomicInspector().inspect(bytes: bytes, name: "bzip2-header.cram")
        #expect(report.error?.reason == .unsupportedCodec)
        #expect(report.error?.description.contains("unsupported header codec bzip2") == true)
        #expect(report.cram == nil)
    }

    @Test("ITF8 and LTF8 decode every length class")
    func variableLengthIntegers() {
        let cases: [([UInt8], Int32)] = [
            ([0x7f], 127), ([0x80, 0xff], 255), ([0xc0, 0x40, 0x00], 0x4000), ([0xe0, 0x45, 0x4f, 0x46], 4_542_278),
            ([0xff, 0xff, 0xff, 0xff, 0x0f], -1),
        ]
        for (bytes, value) in cases {
            bytes.withUnsafeBytes { buffer in
                #expect(VariableLengthIntegers.itf8(buffer, at: 0)?.value == value)
                #expect(VariableLengthIntegers.itf8(buffer, at: 0)?.length == bytes.count)
                #expect(VariableLengthIntegers.itf8(UnsafeRawBufferPointer(rebasing: buffer.dropLast()), at: 0) == nil
                        || bytes.count == 1)
            }
        }
        let long: [UInt8] = [0xff, 0, 0, 0, 0, 0, 0, 1, 0]
        long.withUnsafeBytes { #expect(VariableLengthIntegers.ltf8($0, at: 0)?.value == 256) }
        [UInt8]([0x81, 0x00]).withUnsafeBytes { #expect(VariableLengthIntegers.ltf8($0, at: 0)?.value == 256) }
    }
}

/// Finds where a CRAM 2.1 container's blocks start, for the codec test.
enum ContainerProbe {
    static func headerLength(of bytes: [UInt8], at offset: Int) throws -> Int {
        try bytes.withUnsafeBytes { all in
            let buffer = UnsafeRawBufferPointer(rebasing: all[offset...])
            var cursor = 4
            for _ in 0..<4 { cursor += try #require(VariableLengthIntegers.itf8(buffer, at: cursor)).length }
            for _ in 0..<2 { cursor += try #require(VariableLengthIntegers.ltf8(buffer, at: cursor)).length }
            cursor += try #require(VariableLengthIntegers.itf8(buffer, at: cursor)).length
            let (landmarks, used) = try #require(VariableLengthIntegers.itf8(buffer, at: cursor))
            cursor += used
            for _ in 0..<landmarks { cursor += try #require(VariableLengthIntegers.itf8(buffer, at: cursor)).length }
            return cursor
        }
    }
}
