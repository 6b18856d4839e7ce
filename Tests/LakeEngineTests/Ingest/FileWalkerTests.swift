import Foundation
import Testing

@testable import LakeEngine

@Suite struct FileWalkerTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "walk-" + UUID().uuidString
        try write("a", to: root + "/in/a.dcm")
        try write("b", to: root + "/in/sub/b.vcf")
        try write("secret", to: root + "/outside/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/in/inner-link", withDestinationPath: root + "/in/sub/b.vcf")
        try FileManager.default.createSymbolicLink(atPath: root + "/in/outer-link", withDestinationPath: root + "/outside/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/in/sub/loop", withDestinationPath: root + "/in")
        #expect(mkfifo(root + "/in/pipe", 0o600) == 0)
    }

    @Test func walksFilesFollowingOnlyLinksInsideTheRoots() {
        let walker = FileWalker(roots: [SourcePath(root + "/in")])
        let names = walker.files.map { $0.path.text.replacingOccurrences(of: root, with: "") }
        #expect(names == ["/in/a.dcm", "/in/inner-link", "/in/sub/b.vcf"])
        let skipped = Dictionary(uniqueKeysWithValues: walker.skipped.map {
            ($0.path.replacingOccurrences(of: root, with: ""), $0.reason)
        })
        #expect(skipped["/in/outer-link"]?.contains("out of the ingested folders") == true)
        #expect(skipped["/in/pipe"]?.contains("FIFO") == true)
        #expect(walker.files.allSatisfy { $0.size == 1 })
    }

    @Test func aLinkGivenAsARootIsFollowed() {
        let walker = FileWalker(roots: [SourcePath(root + "/in/outer-link")])
        #expect(walker.files.count == 1)
        #expect(walker.files.first?.size == 6)
    }

    @Test func aMissingRootIsAFailureNotASkip() {
        let walker = FileWalker(roots: [SourcePath(root + "/nope")])
        #expect(walker.files.isEmpty)
        #expect(walker.skipped.isEmpty)
        #expect(walker.failures.first?.reason == "cannot stat: No such file or directory")
    }

    /// A name that is not UTF-8 is listed by its bytes, so the file can be opened; reports name it escaped.
    @Test func aNameThatIsNotUTF8IsKeptAsBytes() throws {
        let folder = SourcePath(root + "/in/sub")
        let path = folder.appending(component: [0x73, 0xFF, 0xFE])
        let descriptor = path.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
        #expect(descriptor >= 0)
        close(descriptor)

        let walker = FileWalker(roots: [folder])
        let found = try #require(walker.files.first { $0.path.validText == nil })
        #expect(found.path == path)
        #expect(found.path.text == root + "/in/sub/s\\xFF\\xFE")
        #expect(walker.failures.isEmpty)
    }
}
