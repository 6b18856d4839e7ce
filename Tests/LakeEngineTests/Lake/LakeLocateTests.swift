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

    @Test func noLakeIsAnError() {
        #expect(throws: LakeError.self) {
            try Lake.locate(explicit: nil, environment: [:], workingDirectory: "/proc/self")
        }
    }
}
