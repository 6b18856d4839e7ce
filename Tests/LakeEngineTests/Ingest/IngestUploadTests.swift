import Foundation
import NIOCore
import Testing

@testable import LakeEngine

/// The upload framing of `POST /v1/ingest`: what a client's ``IngestUploadSource`` produces, the
/// service's ``IngestUploadDecoder`` reads back, however the body is cut into chunks; malformed bodies
/// are refused naming the byte offset.
@Suite struct IngestUploadTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "upload-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/in", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/spool", withIntermediateDirectories: true)
        try Data("small".utf8).write(to: URL(fileURLWithPath: root + "/in/a.bin"))
        // Larger than the decoder's in-memory limit below, and than one source chunk: spooled, sent in pieces.
        try Data((0..<(IngestUploadSource.chunkSize + 1000)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            .write(to: URL(fileURLWithPath: root + "/in/b.bin"))
        try FileManager.default.createSymbolicLink(atPath: root + "/in/out.bin", withDestinationPath: "/etc/hostname")
    }

    private func body() throws -> [UInt8] {
        var source = IngestUploadSource(paths: [SourcePath(root + "/in"), SourcePath(root + "/missing")])
        var bytes: [UInt8] = []
        while let chunk = try source.nextChunk() { bytes += chunk.readableBytesView }
        #expect(source.filesDone == 2 && source.filesTotal == 2)
        return bytes
    }

    private func decode(_ body: [UInt8], chunk size: Int) throws -> [IngestUploadDecoder.Event] {
        var decoder = IngestUploadDecoder(inMemoryLimit: 1 << 20, spoolFolder: root + "/spool")
        var events: [IngestUploadDecoder.Event] = []
        for start in stride(from: 0, to: body.count, by: size) {
            events += try decoder.consume(ByteBuffer(bytes: body[start..<min(start + size, body.count)]))
        }
        try decoder.finish()
        return events
    }

    @Test(arguments: [1 << 30, 65_536, 4093])
    func whatTheClientSendsTheServiceReadsBack(chunkSize: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let events = try decode(try body(), chunk: chunkSize)
        var names: [String] = []
        for event in events {
            switch event {
            case .file(let file):
                names.append(file.name.text)
                let expected = try Data(contentsOf: URL(fileURLWithPath: file.name.text))
                switch file.body {
                case .memory(let buffer):
                    #expect(buffer.bytes.elementsEqual(expected))
                case .spooled(let path, let size):
                    #expect(size == Int64(expected.count) && path.hasPrefix(root + "/spool/"))
                    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).elementsEqual(expected))
                    file.remove()
                }
            case .failed(let problem):
                names.append("failed " + problem.path + ": " + problem.reason)
            case .skipped(let problem):
                names.append("skipped " + problem.path + ": " + problem.reason)
            case .cursor(let cursor):
                names.append("cursor \(cursor)")
            case .end:
                names.append("end")
            }
        }
        #expect(names == [
            "failed \(root)/missing: cannot stat: No such file or directory",
            "skipped \(root)/in/out.bin: symbolic link leads out of the ingested folders",
            "\(root)/in/a.bin", "\(root)/in/b.bin", "end",
        ])
    }

    @Test func cursorRecordsArriveAfterTheFilesTheyCover() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let body = IngestUploadFormat.magic + IngestUploadFormat.fileHeader(name: SourcePath("http://pacs/instances/a"), size: 2)
            + [7, 8] + IngestUploadFormat.cursor(41) + IngestUploadFormat.cursor(1 << 40) + IngestUploadFormat.end
        let events = try decode(body, chunk: 3).map { event -> String in
            switch event {
            case .file(let file): file.name.text
            case .cursor(let cursor): "cursor \(cursor)"
            case .failed, .skipped: "problem"
            case .end: "end"
            }
        }
        #expect(events == ["http://pacs/instances/a", "cursor 41", "cursor \(1 << 40)", "end"])
    }

    @Test func malformedBodiesAreRefusedNamingTheOffset() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cases: [(body: [UInt8], message: String)] = [
            (Array("GET /".utf8), "at byte 0: not an ingest upload (no MLU1 magic)"),
            (IngestUploadFormat.magic + [0x51], "at byte 4: unknown record type 0x51"),
            (IngestUploadFormat.magic + [0x46, 0, 0, 0, 0], "at byte 4: name length 0"),
            (IngestUploadFormat.magic + [0x46, 0, 0, 0, 2, 0x61, 0, 0, 0, 0, 0, 0, 0, 0, 0], "a name holding a NUL byte"),
            (IngestUploadFormat.magic + IngestUploadFormat.end + [0x5A], "at byte 5: bytes after the end record"),
            (IngestUploadFormat.magic + IngestUploadFormat.cursor(-1), "at byte 4: cursor -1 (at least 0)"),
        ]
        for (body, message) in cases {
            #expect {
                try decode(body, chunk: 3)
            } throws: { error in
                String(describing: error).contains(message)
            }
        }
        // A body cut short (the client died) is no upload either, however whole its records are.
        let cut = IngestUploadFormat.magic + IngestUploadFormat.fileHeader(name: SourcePath("/x"), size: 2) + [1, 2]
        #expect {
            try decode(cut, chunk: 1 << 20)
        } throws: { error in
            String(describing: error).contains("before its end record")
        }
    }
}
