import Foundation
import Testing

/// `medlake stage` and self-recording runs through the real binary, as real Unix users.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct StageCLITests {
    struct RunJSON: Decodable {
        var id: Int64
        var pod: String?
        var node: String?
    }

    /// A folder owned by `user` to stage into.
    private func scratch(_ shared: GovernanceCLITests.SharedLake, for user: String) throws -> String {
        let path = shared.base + "/scratch-" + user
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.ownerAccountName: user], ofItemAtPath: path)
        return path
    }

    @Test func aUserWithoutReadAccessIsRefused() throws {
        let shared = try GovernanceCLITests.SharedLake()
        defer { shared.cleanUp() }
        // dave is an annotator: `ct` is restricted and he holds no grant.
        let folder = try scratch(shared, for: shared.dave)
        let refused = try shared.attempt(["stage", "ct@2", "--to", folder + "/ct"], as: shared.dave)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(shared.dave), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/ct/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/ct"), "nothing written for a refused read")
    }

    @Test func aRunRecordsItselfFromTheEnvironmentAndShowsItsStaging() throws {
        let shared = try GovernanceCLITests.SharedLake()
        defer { shared.cleanUp() }
        let environment = [
            "MEDLAKE_IMAGE_DIGEST": "sha256:" + String(repeating: "e", count: 64), "GITHUB_SHA": "0123456789abcdef",
            "MEDLAKE_WORKFLOW_HASH": "wf-hash", "POD_NAME": "train-0", "POD_NAMESPACE": "ml", "NODE_NAME": "gpu-3",
            "ARGO_WORKFLOW_NAME": "train-x7k2",
        ]
        let recorded = try shared.run(
            ["run", "record", "--manifest", "ct@2", "--node", "gpu-9", "--json"], as: shared.alice, environment: environment)
        let run = try JSONDecoder().decode(RunJSON.self, from: Data(recorded.stdout.utf8))
        #expect(run.pod == "train-0")
        #expect(run.node == "gpu-9", "a flag overrides the environment")
        let quiet = try shared.run(["run", "record", "--manifest", "ct@2", "--quiet"], as: shared.alice, environment: environment)
        #expect(quiet.stdout == "\(run.id + 1)\n", "--quiet prints the id alone")

        let folder = try scratch(shared, for: shared.alice) + "/ct"
        let staged = try shared.run(["stage", "ct@2", "--to", folder, "--run", String(run.id)], as: shared.alice)
        #expect(staged.stdout.contains("6 files"), "\(staged.stdout)")
        #expect(FileManager.default.fileExists(atPath: folder + "/manifest.json"))

        let shown = try shared.run(["run", "show", String(run.id)], as: shared.alice)
        for text in ["pod: train-0", "namespace: ml", "node: gpu-9", "workflow run: argo:train-x7k2", "commit: 0123456789abcdef",
            "staged into \(folder) (6 files"]
        {
            #expect(shown.stdout.contains(text), "run show lacks '\(text)':\n\(shown.stdout)")
        }
        let explained = try shared.run(["explain", "ct@2"], as: shared.alice)
        #expect(explained.stdout.contains("pod: train-0") && explained.stdout.contains("staged into \(folder)"), "\(explained.stdout)")
        let audit = try shared.run(["audit", "list"], as: shared.alice)
        #expect(audit.stdout.contains("version.stage"), "\(audit.stdout)")
    }
}
