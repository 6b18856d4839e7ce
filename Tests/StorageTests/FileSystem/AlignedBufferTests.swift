import Foundation
import Testing

@testable import Storage

@Suite struct AlignedBufferTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "aligned-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test(arguments: [0, 1, 4095, 4096, 4097, 70_000])
    func readsAWholeFileIntoAlignedMemory(size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let path = folder + "/f\(size)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let buffer = try AlignedBuffer(contentsOf: path, expectedSize: Int64(size))
        #expect(Array(buffer.bytes) == bytes)
        #expect(buffer.wholeBlockCount == size / 4096 * 4096)
        if let start = buffer.bytes.baseAddress {
            #expect(Int(bitPattern: start) % AlignedBuffer.alignment == 0)
        }
    }

    @Test func aFileOfAnotherSizeThanListedIsRefused() throws {
        let path = folder + "/grown"
        try Data(repeating: 7, count: 5000).write(to: URL(fileURLWithPath: path))
        for expected: Int64 in [4999, 5001] {
            #expect {
                try AlignedBuffer(contentsOf: path, expectedSize: expected)
            } throws: { error in
                let failure = error as? StorageError
                return failure?.path == path && failure?.reason.contains("changed size") == true
            }
        }
    }

    @Test func aMissingFileIsATypedError() {
        #expect {
            try AlignedBuffer(contentsOf: folder + "/nope", expectedSize: 1)
        } throws: { error in
            (error as? StorageError)?.operation == "open" && (error as? StorageError)?.errno == ENOENT
        }
    }

    @Test func copyingKeepsTheBytes() {
        let bytes = Array("not aligned at all".utf8)
        let buffer = bytes.withUnsafeBytes { AlignedBuffer(copying: $0) }
        #expect(Array(buffer.bytes) == bytes)
    }
}
