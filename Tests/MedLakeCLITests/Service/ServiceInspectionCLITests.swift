import Foundation
import Testing

/// `show` and `explain` through the lake service, for users who cannot read the lake folder: a reading
/// role sees a dataset's entries and lineage; carol (no role) is refused, and so is dave (an annotator)
/// once the dataset is restricted, from the CLI and with curl on the socket.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceInspectionCLITests {
    private struct EntryKindJSON: Decodable {
        var kind: String
        var id: String
        var dataset: String?
    }

    private struct ExplanationJSON: Decodable {
        var kind: String
        var id: String
        var versions: [Membership]

        struct Membership: Decodable {
            var version: String
        }
    }

    @Test func showAndExplainThroughTheServiceOnlyToReaders() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        let carol = served.carol
        // ct holds no patient data anyone should be kept from here: an annotator reads it by role.
        let relabelled = try served.medlake(["label", "ct", "--sensitivity", "internal"], as: served.alice)
        #expect(relabelled.status == 0, "\(relabelled.stderr)")

        let entries = try decode([EntryKindJSON].self, try served.medlake(["show", "ct", "--json"], as: dave))
        #expect(entries.map(\.kind) == ["dataset"] && entries.map(\.id) == ["ct"])
        let shown = try served.medlake(["show", "ct"], as: dave)
        #expect(shown.stdout.hasPrefix("dataset ct") && shown.stdout.contains("history:"), "\(shown.stderr)")
        let explanation = try decode(ExplanationJSON.self, try served.medlake(["explain", "ct@2", "--json"], as: dave))
        #expect(explanation.kind == "version" && explanation.versions.map(\.version).contains("ct@2"))
        let explained = try served.medlake(["explain", "ct@2"], as: served.alice)
        #expect(explained.stdout.contains("versions:") && explained.stdout.contains("ct@2"), "\(explained.stderr)")

        // carol holds no role: refused whatever she names.
        for arguments in [["show", "ct"], ["explain", "ct@2"]] {
            let refused = try served.medlake(arguments + ["--json"], as: carol)
            #expect(refused.status == 1 && refused.stdout.isEmpty)
            #expect(try failure(refused) == "permissionDenied", "\(arguments): \(refused.stderr)")
        }
        #expect(try served.problem(get: "entries?id=ct", as: carol).code == "notPermitted")
        #expect(try served.problem(get: "explanation?id=ct%402", as: carol).code == "notPermitted")

        // Restricted, ct is for curators and admins only: the annotator no longer sees it either way.
        let restricted = try served.medlake(["label", "ct", "--sensitivity", "restricted"], as: served.alice)
        #expect(restricted.status == 0, "\(restricted.stderr)")
        for arguments in [["show", "ct"], ["explain", "ct@2"]] {
            let refused = try served.medlake(arguments + ["--json"], as: dave)
            #expect(refused.status == 1 && refused.stdout.isEmpty)
            #expect(try failure(refused) == "accessDenied", "\(arguments): \(refused.stderr)")
        }
        let showRaw = try served.problem(get: "entries?id=ct", as: dave)
        #expect(showRaw.code == "accessDenied" && showRaw.status == 403)
        #expect(try served.problem(get: "explanation?id=ct%402", as: dave).code == "accessDenied")
        #expect(try served.medlake(["show", "ct"], as: served.bob).stdout.hasPrefix("dataset ct"))
    }
}
