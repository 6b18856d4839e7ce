import Foundation
import Testing

@testable import Storage

/// Writes at offsets through ``DirectFileWriter``: whole aligned blocks direct, the rest through the page
/// cache, on the file system holding the temporary folder (direct I/O on ext4 and XFS; refused on tmpfs,
/// where every byte takes the page cache). Either way the file must hold exactly the bytes written.
@Suite struct DirectFileWriterTests {
    let path = NSTemporaryDirectory() + "direct-" + UUID().uuidString

    init() throws {
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
    }

    /// `count` bytes that differ from block to block, so a block written at the wrong offset shows.
    private func pattern(_ count: Int, seed: UInt8) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: AlignedBuffer.alignment)
        for index in 0..<count { buffer[index] = UInt8(truncatingIfNeeded: index / 512 &+ index) &+ seed }
        return buffer
    }

    @Test func writesAlignedBlocksAndTailsAtTheirOffsets() throws {
        defer { unlink(path) }
        // Two pieces written through two writers, the second first, as parallel ranges of one download
        // land; the second ends in a tail that is not a whole block.
        let first = pattern(1 << 20, seed: 1)
        let second = pattern((1 << 20) + 1000, seed: 7)
        defer {
            first.deallocate()
            second.deallocate()
        }
        try DirectFileWriter(path: path, direct: true).write(UnsafeRawBufferPointer(second), at: 1 << 20)
        try DirectFileWriter(path: path, direct: true).write(UnsafeRawBufferPointer(first), at: 0)
        try DirectFileWriter.flush(path)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == first.count + second.count)
        #expect(written.prefix(first.count).elementsEqual(first))
        #expect(written.dropFirst(first.count).elementsEqual(second))
    }

    @Test func writesAnUnalignedOffsetThroughThePageCache() throws {
        defer { unlink(path) }
        let bytes = pattern(3 * 4096, seed: 3)
        defer { bytes.deallocate() }
        let writer = try DirectFileWriter(path: path, direct: true)
        try writer.write(UnsafeRawBufferPointer(rebasing: bytes[0..<100]), at: 0)
        // After a tail the writer has left direct I/O; an aligned block still lands where it belongs.
        try writer.write(UnsafeRawBufferPointer(rebasing: bytes[100...]), at: 100)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.elementsEqual(bytes))
    }

    @Test func reportsAMissingFileByPath() {
        #expect {
            try DirectFileWriter(path: path + "-missing", direct: true)
        } throws: { error in
            (error as? StorageError)?.path == path + "-missing"
        }
        unlink(path)
    }
}
