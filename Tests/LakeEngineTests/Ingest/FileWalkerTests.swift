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
        let walker = FileWalker(roots: [root + "/in"])
        let names = walker.files.map { $0.path.replacingOccurrences(of: root, with: "") }
        #expect(names == ["/in/a.dcm", "/in/inner-link", "/in/sub/b.vcf"])
        let skipped = Dictionary(uniqueKeysWithValues: walker.skipped.map {
            ($0.path.replacingOccurrences(of: root, with: ""), $0.reason)
        })
        #expect(skipped["/in/outer-link"]?.contains("out of the ingested folders") == true)
        #expect(skipped["/in/pipe"]?.contains("FIFO") == true)
        #expect(walker.files.allSatisfy { $0.size == 1 })
    }

    @Test func aLinkGivenAsARootIsFollowed() {
        let walker = FileWalker(roots: [root + "/in/outer-link"])
        #expect(walker.files.count == 1)
        #expect(walker.files.first?.size == 6)
    }

    @Test func missingRootIsReported() {
        let walker = FileWalker(roots: [root + "/nope"])
        #expect(walker.files.isEmpty)
        #expect(walker.skipped.first?.reason.contains("cannot stat") == true)
    }
}
