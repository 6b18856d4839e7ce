import Catalog
import DICOM
import Foundation
import TestSupport
import Testing

@testable import LakeEngine

/// Ingest from the real Orthanc server on 127.0.0.1: REST `/changes` pulls, incremental runs, DICOMweb,
/// de-duplication across a rewritten file meta group, refused credentials.
@Suite(.serialized, .orthancExclusive, .enabled(if: OrthancTestServer.shouldRun, OrthancTestServer.skipReason))
struct OrthancIngestTests {
    private func specs(seed: Int, series: Int, count: Int, modality: SyntheticInstance.Modality = .CT)
        -> [SyntheticInstance]
    {
        (0..<count).map {
            SyntheticInstance(patient: 1, study: 1, series: series, instance: $0, modality: modality, seed: seed)
        }
    }

    private func instanceCount(_ lake: Lake, dataset: String) throws -> Int {
        try lake.catalog.value(
            Int.self,
            """
            SELECT COUNT(*) FROM instance i JOIN series s ON s.id = i.seriesId JOIN dataset d ON d.id = s.datasetId
            WHERE d.name = ?
            """,
            [dataset]) ?? 0
    }

    @Test func pullFromOrthancThenIncrementalRunTakesOnlyNewInstances() async throws {
        try await OrthancTestServer.clear()
        let start = try await OrthancTestServer.lastChange()
        let seed = Int.random(in: 1000..<1_000_000)
        try await OrthancTestServer.upload(try OrthancTestServer.instances(
            specs(seed: seed, series: 0, count: 6) + specs(seed: seed, series: 1, count: 4, modality: .MR)))
        let lake = try TemporaryLake().owner
        let url = try OrthancTestServer.url
        let credentials = try OrthancTestServer.credentials()

        let first = try await lake.ingest(fromOrthanc: url, dataset: "pacs", since: start, credentials: credentials)
        #expect(first.filesSeen == 10)
        #expect(first.filesAdded == 10)
        #expect(first.byModality == ["CT": 6, "MR": 4])
        #expect(first.errors.isEmpty)
        #expect(try instanceCount(lake, dataset: "pacs") == 10)
        #expect(first.flagsRaised["phi-present"] != nil, "the same QC flags as file ingest")

        try await OrthancTestServer.upload(try OrthancTestServer.instances(specs(seed: seed, series: 2, count: 3)))
        let second = try await lake.ingest(fromOrthanc: url, dataset: "pacs", credentials: credentials)
        #expect(second.filesSeen == 3, "only the new instances are downloaded")
        #expect(second.filesAdded == 3)
        #expect(try instanceCount(lake, dataset: "pacs") == 13)

        let third = try await lake.ingest(fromOrthanc: url, dataset: "pacs", credentials: credentials)
        #expect(third.filesSeen == 0)
        #expect(third.addedNothing)

        let cursor = try lake.catalog.value(Int64.self, "SELECT cursor FROM remoteSource WHERE kind = 'orthanc'")
        #expect(cursor == (try await OrthancTestServer.lastChange()))
        let paths = try lake.catalog.values(String.self, "SELECT path FROM datasetFile")
        #expect(paths.allSatisfy { $0.hasPrefix(url + "/instances/") })
    }

    @Test func instancesAlreadyIngestedFromFilesWithAnotherMetaGroupAreNotAddedAgain() async throws {
        try await OrthancTestServer.clear()
        let start = try await OrthancTestServer.lastChange()
        let seed = Int.random(in: 1000..<1_000_000)
        let specs = specs(seed: seed, series: 0, count: 5)
        let temporary = try TemporaryLake()
        let folder = try temporary.inputFolder()
        for (index, bytes) in try OrthancTestServer.instances(specs, source: "WORKSTATION").enumerated() {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/\(index).dcm"))
        }
        let fromFiles = try temporary.owner.ingest([folder], dataset: "mixed")
        #expect(fromFiles.filesAdded == 5)

        let rewritten = try OrthancTestServer.instances(specs, source: "PACS")
        try await OrthancTestServer.upload(rewritten)
        let pulled = try await temporary.owner.ingest(
            fromOrthanc: try OrthancTestServer.url, dataset: "mixed", since: start,
            credentials: try OrthancTestServer.credentials())
        #expect(pulled.filesSeen == 5)
        #expect(pulled.filesAdded == 0)
        #expect(pulled.filesAlreadyPresent == 5)
        #expect(try instanceCount(temporary.owner, dataset: "mixed") == 5)
    }

    @Test func pullOverDICOMwebThenOnlyMissingInstances() async throws {
        try await OrthancTestServer.clear()
        let seed = Int.random(in: 1000..<1_000_000)
        try await OrthancTestServer.upload(try OrthancTestServer.instances(specs(seed: seed, series: 0, count: 4)))
        let lake = try TemporaryLake().owner
        let url = try OrthancTestServer.dicomwebURL
        let credentials = try OrthancTestServer.credentials()

        let first = try await lake.ingest(fromDICOMweb: url, dataset: "web", credentials: credentials)
        #expect(first.filesAdded == 4)
        #expect(first.byFormat == ["DICOM": 4])

        try await OrthancTestServer.upload(try OrthancTestServer.instances(specs(seed: seed, series: 1, count: 2)))
        let second = try await lake.ingest(fromDICOMweb: url, dataset: "web", credentials: credentials)
        #expect(second.filesSeen == 2)
        #expect(second.filesAdded == 2)
        #expect(try instanceCount(lake, dataset: "web") == 6)
    }

    @Test func wrongPasswordIsRefused() async throws {
        let lake = try TemporaryLake().owner
        let wrong = RemoteCredentials(user: try OrthancTestServer.credentials().user, password: "wrong-password")
        let error = await #expect(throws: RemoteSourceError.self) {
            try await lake.ingest(fromOrthanc: try OrthancTestServer.url, dataset: "x", credentials: wrong)
        }
        #expect(error?.status == 401)
        #expect(error.map { !$0.description.contains("wrong-password") } == true)
    }

    @Test func aFailedPullLeavesNoEmptyDataset() async throws {
        let lake = try TemporaryLake().owner
        let credentials = try OrthancTestServer.credentials()
        let wrong = RemoteCredentials(user: credentials.user, password: "wrong-password")
        await #expect(throws: RemoteSourceError.self) {
            try await lake.ingest(fromOrthanc: try OrthancTestServer.url, dataset: "orthanc-failed", credentials: wrong)
        }
        await #expect(throws: RemoteSourceError.self) {
            try await lake.ingest(fromDICOMweb: try OrthancTestServer.dicomwebURL, dataset: "web-failed", credentials: wrong)
        }
        #expect(try lake.datasets().map(\.dataset.name).filter { $0.hasSuffix("-failed") }.isEmpty)
        let actions = try lake.auditEvents().filter { $0.target.hasSuffix("-failed") }.map(\.action)
        #expect(actions.filter { $0 == "dataset.create" }.count == actions.filter { $0 == "dataset.discard" }.count,
                "each dataset a failed pull created is discarded, on the record: \(actions)")
    }
}
