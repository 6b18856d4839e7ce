import Catalog
import DICOM
import Foundation
import NIOHTTP1
import Storage
import Testing

@testable import LakeEngine

/// Remote ingest where sizes matter, against the real Orthanc server: QIDO-RS paging with more results
/// than a page holds, and an instance larger than the spool threshold taking the file path. In the
/// serialized Orthanc suite, since every test empties the one server.
extension OrthancIngestTests {
    /// Three studies; the first has three series, its first series five instances: more than a page of
    /// two at every level.
    fileprivate func pagedCorpus(seed: Int) -> [SyntheticInstance] {
        var specs: [SyntheticInstance] = []
        for instance in 0..<5 { specs.append(SyntheticInstance(patient: 1, study: 0, series: 0, instance: instance, seed: seed)) }
        for series in 1..<3 { specs.append(SyntheticInstance(patient: 1, study: 0, series: series, seed: seed)) }
        for study in 1..<3 { specs.append(SyntheticInstance(patient: 2, study: study, series: 0, seed: seed)) }
        return specs
    }

    @Test func dicomwebPullPagesThroughStudiesSeriesAndInstances() async throws {
        try await OrthancTestServer.clear()
        let seed = Int.random(in: 1000..<1_000_000)
        try await OrthancTestServer.upload(try OrthancTestServer.instances(pagedCorpus(seed: seed)))
        let server = try DICOMServerClient(
            baseURL: try OrthancTestServer.dicomwebURL, credentials: try OrthancTestServer.credentials())
        let onePage = try await server.getJSON("/studies?limit=2", as: [QIDOResult].self)
        #expect(onePage.count == 2, "the server honours limit, so a pull without paging would miss a study")
        var pages: [Int] = []
        try await server.search("/studies", pageSize: 2) { pages.append($0.count) }
        #expect(pages == [2, 1])

        let lake = try TemporaryLake().owner
        let options = RemoteIngestOptions(ingest: IngestOptions(batchSize: 4), qidoPageSize: 2)
        let report = try await lake.ingest(
            fromDICOMweb: try OrthancTestServer.dicomwebURL, dataset: "paged",
            credentials: try OrthancTestServer.credentials(), options: options)
        #expect(report.filesSeen == 9)
        #expect(report.filesAdded == 9)
        #expect(report.errors.isEmpty)
        let again = try await lake.ingest(
            fromDICOMweb: try OrthancTestServer.dicomwebURL, dataset: "paged",
            credentials: try OrthancTestServer.credentials(), options: options)
        #expect(again.filesSeen == 0, "every instance is known after paging once")
    }

    @Test func aLargeInstanceIsSpooledToAFileAndIngestedFromIt() async throws {
        try await OrthancTestServer.clear()
        let start = try await OrthancTestServer.lastChange()
        let seed = Int.random(in: 1000..<1_000_000)
        let large = SyntheticInstance(patient: 3, study: 0, series: 0, rows: 5120, columns: 5120, seed: seed)
        let bytes = try #require(try OrthancTestServer.instances([large]).first)
        #expect(bytes.count > 50_000_000)
        let answer = try await OrthancTestServer.request(.POST, "/instances", body: bytes)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any])
        let id = try #require(json["ID"] as? String)
        let temporary = try TemporaryLake()
        let lake = temporary.owner
        let tier = try lake.tier(named: "hot")
        try tier.prepare()
        let spoolFolder = tier.root + "/tmp"

        let server = try DICOMServerClient(baseURL: try OrthancTestServer.url, credentials: try OrthancTestServer.credentials())
        let (_, body) = try await server.fetch("/instances/\(id)/file", spoolFolder: spoolFolder, spoolThreshold: 1 << 20)
        guard case .spooled(let path, let size) = body else {
            Issue.record("a 50 MB answer above a 1 MiB threshold must be spooled, not held in memory")
            return
        }
        #expect(path.hasPrefix(spoolFolder + "/object-remote-"))
        #expect(size == Int64(bytes.count))
        let served = try ContentHasher.digest(ofFileAt: path).digest
        body.remove()
        #expect(!FileManager.default.fileExists(atPath: path))

        let options = RemoteIngestOptions(spoolThreshold: 1 << 20)
        let report = try await lake.ingest(
            fromOrthanc: try OrthancTestServer.url, dataset: "large", since: start,
            credentials: try OrthancTestServer.credentials(), options: options)
        #expect(report.filesAdded == 1)
        #expect(report.errors.isEmpty)
        let row = try lake.catalog.rows(
            """
            SELECT o.sha256, o.size, o.dicomDataSetSHA256, f.path
            FROM object o JOIN datasetFile f ON f.objectId = o.id
            """
        ).first
        #expect(row?["sha256"] == served.hex)
        #expect(row?["size"] == Int64(bytes.count))
        #expect(row?["dicomDataSetSHA256"] == Lake.dataSetDigest(bytes), "dedup key computed from the spooled file")
        #expect((row?["path"] as String?) == (try OrthancTestServer.url) + "/instances/" + id)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: spoolFolder).filter { $0.hasPrefix("object-remote-") }
        #expect(leftovers.isEmpty, "spool files are removed once ingested")

        let web = try await lake.ingest(
            fromDICOMweb: try OrthancTestServer.dicomwebURL, dataset: "large-web",
            credentials: try OrthancTestServer.credentials(), options: options)
        #expect(web.filesSeen == 1)
        #expect(web.filesAdded == 1, "the multipart answer is split on disk")
        #expect(web.errors.isEmpty)
        let digests = try lake.catalog.values(String.self, "SELECT DISTINCT sha256 FROM object")
        #expect(digests == [served.hex], "WADO-RS yields the same bytes, stored once")
        #expect(try FileManager.default.contentsOfDirectory(atPath: spoolFolder).filter { $0.hasPrefix("object-remote-") }.isEmpty)
    }
}
