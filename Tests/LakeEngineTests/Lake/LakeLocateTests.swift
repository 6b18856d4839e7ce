import Foundation
import Testing

@testable import LakeEngine

@Suite struct LakeLocateTests {
    @Test func explicitPathWins() throws {
        let found = try Lake.locate(explicit: "lakes/a", environment: ["MEDLAKE_LAKE": "/b"], workingDirectory: "/work")
        #expect(found == "/work/lakes/a")
    }

    @Test func environmentComesNext() throws {
        #expect(try Lake.locate(explicit: nil, environment: ["MEDLAKE_LAKE": "/b"], workingDirectory: "/") == "/b")
    }

    @Test func nearestLakeAboveTheWorkingDirectory() throws {
        let lake = try TemporaryLake()
        let deep = lake.root + "/tiers/hot/objects"
        #expect(try Lake.locate(explicit: nil, environment: [:], workingDirectory: deep) == lake.root)
    }

    @Test("A clone's root finds its SampleLake last: after --lake, $MEDLAKE_LAKE and an enclosing lake.toml")
    func sampleLakeOfTheWorkingDirectoryComesLast() throws {
        let clone = NSTemporaryDirectory() + "locate-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: clone) }
        try FileManager.default.createDirectory(atPath: clone + "/SampleLake", withIntermediateDirectories: true)
        #expect(throws: LakeError.self) { try Lake.locate(explicit: nil, environment: [:], workingDirectory: clone) }
        try Data("[lake]\n".utf8).write(to: URL(fileURLWithPath: clone + "/SampleLake/lake.toml"))
        #expect(try Lake.locate(explicit: nil, environment: [:], workingDirectory: clone) == clone + "/SampleLake")
        #expect(try Lake.locate(explicit: nil, environment: ["MEDLAKE_LAKE": "/b"], workingDirectory: clone) == "/b")
        // Below the root (say, in Sources/) there is no SampleLake folder to fall back on.
        try FileManager.default.createDirectory(atPath: clone + "/Sources", withIntermediateDirectories: true)
        #expect(throws: LakeError.self) {
            try Lake.locate(explicit: nil, environment: [:], workingDirectory: clone + "/Sources")
        }
        // An enclosing lake wins over the sample lake.
        try Data("[lake]\n".utf8).write(to: URL(fileURLWithPath: clone + "/lake.toml"))
        #expect(try Lake.locate(explicit: nil, environment: [:], workingDirectory: clone) == clone)
    }

    @Test func noLakeIsAnError() {
        #expect(throws: LakeError.self) {
            try Lake.locate(explicit: nil, environment: [:], workingDirectory: "/proc/self")
        }
    }
}
