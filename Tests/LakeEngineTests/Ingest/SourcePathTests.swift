import Foundation
import Testing

@testable import LakeEngine

@Suite struct SourcePathTests {
    @Test func aUTF8PathIsItsOwnText() {
        let path = SourcePath("/data/ünïcode/a b.dcm")
        #expect(path.text == "/data/ünïcode/a b.dcm")
        #expect(path.nonUTF8Bytes == nil)
    }

    @Test func invalidBytesAreWrittenAsHexAndValidRunsKept() {
        // 0xFF 0xFE never start a sequence; 0xC3 alone is a truncated "é"; then a valid "é" (0xC3 0xA9).
        let bytes: [UInt8] = Array("/in/".utf8) + [0xFF, 0xFE, 0x61, 0xC3] + Array("é.dcm".utf8)
        let path = SourcePath(bytes: bytes)
        #expect(path.validText == nil)
        #expect(path.text == "/in/\\xFF\\xFEa\\xC3é.dcm")
        #expect(path.nonUTF8Bytes == bytes)
    }

    @Test func overlongAndSurrogateEncodingsAreInvalid() {
        // 0xC0 0xAF is an overlong "/", 0xED 0xA0 0x80 a UTF-16 surrogate: neither may pass as text.
        #expect(SourcePath(bytes: [0xC0, 0xAF]).text == "\\xC0\\xAF")
        #expect(SourcePath(bytes: [0xED, 0xA0, 0x80]).text == "\\xED\\xA0\\x80")
    }

    @Test func aFileIsReadThroughItsBytes() throws {
        let folder = NSTemporaryDirectory() + "sourcepath-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = SourcePath(folder).appending(component: [0xFF, 0xFE])
        let descriptor = path.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
        #expect(descriptor >= 0)
        #expect(write(descriptor, "bytes", 5) == 5)
        close(descriptor)

        let read = try path.withReadablePath { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(read == Data("bytes".utf8))
        let missing = SourcePath(folder).appending(component: [0xFF, 0x41])
        #expect(throws: SourcePathError.self) { try missing.withReadablePath { _ in } }
    }
}
