import Foundation
import TestSupport
import Testing

@testable import LakeEngine

/// ``ChangeFeed`` in-process: a commit by another connection (here another opened ``Lake``, as another
/// process would be) reaches a stream opened before it, and only callers who may read get a stream.
@Suite struct ChangeFeedTests {
    @Test(
        .enabled(
            if: TestCatalog.isSQLite,
            "the catalog watcher reads the SQLite file's data version; PostgreSQL's (LISTEN/NOTIFY) is still to come"))
    func aCommitAfterTheStreamOpensIsReported() async throws {
        let lake = try TemporaryLake()
        let api: any LakeAPI = try lake.open(as: "alice")
        var changes = try await api.changes().makeAsyncIterator()
        let input = try lake.inputFolder()
        try write("bytes", to: input + "/f.bin")
        _ = try lake.open(as: "alice").ingest([input], dataset: "small", options: IngestOptions(keepUnknown: true))
        let change = try await changes.next()
        #expect(change?.sequence == 1)
    }

    @Test func aCallerWithoutARoleGetsNoStream() async throws {
        let lake = try TemporaryLake()
        let mallory: any LakeAPI = try lake.open(as: "mallory")
        await #expect(throws: LakeError.notPermitted(user: "mallory", permission: .read)) { _ = try await mallory.changes() }
    }
}
