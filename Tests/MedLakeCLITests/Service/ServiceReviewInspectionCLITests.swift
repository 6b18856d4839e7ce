import Foundation
import Testing

/// What a reviewer reads below the series and the sample through the lake service: an instance's tags and
/// preview (`GET /v1/inspections/instance`), a sample's files and one file's header
/// (`GET /v1/genomic-files`, `GET /v1/inspections/genomic-file`), what the workbench's Imaging and Genomics
/// panes show. With curl on the socket as users who cannot read the lake folder: a reading role gets them;
/// carol (no role) is refused, and so is dave (an annotator) once the dataset is restricted.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceReviewInspectionCLITests {
    private struct PageJSON<Item: Decodable>: Decodable {
        var items: [Item]
    }

    private struct SeriesJSON: Decodable {
        var seriesInstanceUID: String
    }

    private struct InstanceJSON: Decodable {
        var sopInstanceUID: String
    }

    private struct InspectionJSON: Decodable {
        var sopInstanceUID: String
        var tags: [Tag]
        var preview: Preview

        struct Tag: Decodable {
            var tag: String
            var value: String
        }

        struct Preview: Decodable {
            var kind: String
            var frame: Frame?
        }

        struct Frame: Decodable {
            var width: Int
            var height: Int
            var values: String
        }
    }

    private struct GenomicFileJSON: Decodable {
        var format: String
        var path: String
        var sha256: String
    }

    private struct GenomicInspectionJSON: Decodable {
        var entry: GenomicFileJSON
        var report: Report
        var flags: [Flag]

        struct Report: Decodable {
            var path: String
            var samples: [String]
            var variantStats: VariantStats?
        }

        struct VariantStats: Decodable {
            var records: Int
        }

        struct Flag: Decodable {
            var note: String
        }
    }

    /// `GET /v1/PATH` as `user` with curl, decoded as `T`.
    private func get<T: Decodable>(_ type: T.Type, _ path: String, as user: String, _ served: ServedLake) throws -> T {
        let answer = try served.tool("/usr/bin/curl", ["-s", "--unix-socket", served.socket, "http://lake/v1/" + path], as: user)
        do {
            return try JSONDecoder().decode(T.self, from: Data(answer.stdout.utf8))
        } catch {
            Issue.record("GET \(path) as \(user) is not a \(T.self): \(answer.stdout)\(answer.stderr)")
            throw error
        }
    }

    @Test func instanceInspectionThroughTheServiceOnlyToReaders() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        let relabelled = try served.medlake(["label", "ct", "--sensitivity", "internal"], as: served.alice)
        #expect(relabelled.status == 0, "\(relabelled.stderr)")

        let series = try #require(try get(PageJSON<SeriesJSON>.self, "series?dataset=ct", as: dave, served).items.first)
        let instances = try get(
            PageJSON<InstanceJSON>.self, "instances?dataset=ct&series=" + series.seriesInstanceUID, as: dave, served)
        let uid = try #require(instances.items.first).sopInstanceUID
        let path = "inspections/instance?dataset=ct&instance=" + uid

        let inspected = try get(InspectionJSON.self, path, as: dave, served)
        #expect(inspected.sopInstanceUID == uid)
        #expect(inspected.tags.contains { $0.tag == "(0008,0018)" && $0.value.contains(uid) }, "\(inspected.tags)")
        let frame = try #require(inspected.preview.frame, "preview \(inspected.preview.kind)")
        #expect(inspected.preview.kind == "frame")
        #expect(Data(base64Encoded: frame.values)?.count == frame.width * frame.height * 4)

        // carol holds no role; a UID she learnt elsewhere gets her nothing.
        let refused = try served.problem(get: path, as: served.carol)
        #expect(refused.code == "notPermitted" && refused.status == 403)

        // Restricted, ct is for curators and admins only: the annotator's read is refused, a curator's is not.
        let restricted = try served.medlake(["label", "ct", "--sensitivity", "restricted"], as: served.alice)
        #expect(restricted.status == 0, "\(restricted.stderr)")
        let denied = try served.problem(get: path, as: dave)
        #expect(denied.code == "accessDenied" && denied.status == 403, "\(denied)")
        #expect(!denied.detail.contains("SOPClassUID"))
        #expect(try get(InspectionJSON.self, path, as: served.bob, served).sopInstanceUID == uid)
    }

    @Test func sampleFilesAndTheirInspectionThroughTheServiceOnlyToReaders() throws {
        let (served, dave) = try ServedLake.withAnnotator()
        try served.ingestVCF(sample: "NA12891", dataset: "g")
        let labelled = try served.medlake(["label", "g", "--sensitivity", "internal"], as: served.alice)
        #expect(labelled.status == 0, "\(labelled.stderr)")
        let flagged = try served.medlake(["flags", "add", "NA12891", "needs-review", "--note", "check it"], as: served.bob)
        #expect(flagged.status == 0, "\(flagged.stderr)")

        let listed = "genomic-files?dataset=g&sample=NA12891"
        let file = try #require(try get(PageJSON<GenomicFileJSON>.self, listed, as: dave, served).items.first)
        #expect(file.format == "VCF")
        let path = "inspections/genomic-file?dataset=g&sample=NA12891&sha256=" + file.sha256
        let inspected = try get(GenomicInspectionJSON.self, path + "&streaming=true", as: dave, served)
        #expect(inspected.entry.sha256 == file.sha256)
        #expect(inspected.report.samples == ["NA12891"])
        #expect(inspected.report.variantStats?.records == 2, "streaming reads every record")
        #expect(inspected.flags.map(\.note) == ["check it"])
        // The answer names the file as it was ingested; the lake's folders (its tiers) stay the service's.
        let answer = try served.tool(
            "/usr/bin/curl", ["-s", "--unix-socket", served.socket, "http://lake/v1/" + path], as: dave).stdout
        #expect(inspected.report.path == inspected.entry.path, "the report names the file as it was ingested")
        #expect(!answer.contains(served.lake), "the answer names a tier path: \(answer)")

        // carol holds no role: neither the listing nor the file.
        for refusedPath in [listed, path] {
            let refused = try served.problem(get: refusedPath, as: served.carol)
            #expect(refused.code == "notPermitted" && refused.status == 403, "\(refusedPath): \(refused)")
        }

        // Restricted, g is for curators and admins only.
        let restricted = try served.medlake(["label", "g", "--sensitivity", "restricted"], as: served.alice)
        #expect(restricted.status == 0, "\(restricted.stderr)")
        for deniedPath in [listed, path] {
            let denied = try served.problem(get: deniedPath, as: dave)
            #expect(denied.code == "accessDenied" && denied.status == 403, "\(deniedPath): \(denied)")
        }
        #expect(try get(GenomicInspectionJSON.self, path, as: served.bob, served).entry.sha256 == file.sha256)
    }
}
