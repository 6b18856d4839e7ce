import Foundation
import Testing

@testable import Storage

/// Names come back byte for byte, from one byte to the longest a file system allows, UTF-8 or not.
@Suite struct DirectoryEntryTests {
    @Test func namesComeBackExactlyAtEveryLength() throws {
        let folder = NSTemporaryDirectory() + "dirent-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var expected: Set<[UInt8]> = [[0x61], Array(repeating: 0x62, count: 255), [0x63, 0xFF, 0xFE, 0x64]]
        for length in [7, 8, 9, 15, 16, 17, 31, 32, 33] { expected.insert(Array(repeating: 0x65, count: length)) }
        for name in expected {
            let path = Array(folder.utf8) + [0x2F] + name + [0]
            let descriptor = path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
            }
            try #require(descriptor >= 0, "created \(name.count)-byte name")
            close(descriptor)
        }
        let stream = try #require(opendir(folder))
        defer { closedir(stream) }
        var listed: Set<[UInt8]> = []
        while let entry = readdir(stream) { listed.insert(DirectoryEntry.name(of: entry)) }
        #expect(listed.subtracting([[0x2E], [0x2E, 0x2E]]) == expected)
    }
}
