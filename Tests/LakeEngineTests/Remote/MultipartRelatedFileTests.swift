import Foundation
import Testing

@testable import LakeEngine

/// Splitting a spooled `multipart/related` answer on disk, 1 MiB at a time.
@Suite struct MultipartRelatedFileTests {
    private let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "multipart-file-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    private func spooled(_ bytes: [UInt8]) throws -> String {
        let path = folder + "/answer"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A body whose closing delimiter straddles the edge between two scanned chunks comes out whole.
    @Test func delimiterAcrossAChunkEdgeIsFound() throws {
        let header = Array("--edge\r\nContent-Type: application/dicom\r\n\r\n".utf8)
        let bodyLength = MultipartRelated.scanChunk - header.count - 3
        let body = (0..<bodyLength).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = try spooled(header + body + Array("\r\n--edge--\r\n".utf8))
        let part = try MultipartRelated.firstPart(ofFileAt: path, boundary: "edge", url: "http://x", into: folder)
        defer { part.remove() }
        guard case .spooled(let partPath, let size) = part else {
            Issue.record("a part split from a file is a file")
            return
        }
        #expect(size == Int64(bodyLength))
        #expect(try Data(contentsOf: URL(fileURLWithPath: partPath)) == Data(body))
    }

    @Test func onlyTheFirstPartIsTaken() throws {
        let answer = "--b\r\nContent-Type: application/dicom\r\n\r\nFIRST\r\n--b\r\n\r\nSECOND\r\n--b--"
        let part = try MultipartRelated.firstPart(
            ofFileAt: try spooled(Array(answer.utf8)), boundary: "b", url: "http://x", into: folder)
        defer { part.remove() }
        guard case .spooled(let partPath, _) = part else {
            Issue.record("a part split from a file is a file")
            return
        }
        #expect(try String(contentsOfFile: partPath, encoding: .utf8) == "FIRST")
    }

    @Test func anAnswerWithoutDelimitersNamesTheURL() throws {
        let path = try spooled(Array("no multipart here".utf8))
        let error = #expect(throws: RemoteSourceError.self) {
            try MultipartRelated.firstPart(ofFileAt: path, boundary: "b", url: "http://pacs/x", into: folder)
        }
        #expect(error?.url == "http://pacs/x")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(left == ["answer"], "no spool file left behind")
    }
}
