import Foundation
import Testing

@testable import LakeEngine

@Suite struct RunTests {
    @Test func runsBindToManifestsAndShowInExplain() throws {
        let fixture = try GovernanceLake()
        let erin = try fixture.open("erin")
        let manifest = try fixture.open("alice").exportManifest("ct@2").hash
        let image = "sha256:" + String(repeating: "ab", count: 32)
        #expect(throws: LakeError.self) {
            try erin.recordRun(manifest: manifest, image: "latest", commit: "abc1234", workflow: "w", serviceAccount: nil, parameters: [:])
        }
        let run = try erin.recordRun(
            manifest: String(manifest.prefix(12)), image: image, commit: "abc1234def", workflow: "wf-1",
            serviceAccount: "trainer", parameters: ["epochs": "10"])
        #expect(run.manifestHash == manifest)
        #expect(throws: LakeError.self) {
            try fixture.open("dave").recordRun(manifest: manifest, image: image, commit: "abc1234", workflow: "w", serviceAccount: nil, parameters: [:])
        }
        let explanation = try fixture.open("alice").explain("ct@2")
        #expect(explanation.versions.first?.runs.map(\.id) == [run.id])
        #expect(explanation.ingests.first?.actors == ["alice"])
        #expect(try erin.runs(manifest: "ct@2").count == 1)
    }
}
