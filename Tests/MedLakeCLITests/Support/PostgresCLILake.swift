import Foundation
import TestSupport
import Testing

@testable import Catalog

/// A lake made by `medlake init PATH --catalog postgres://…` on a schema of its own of the test server,
/// in a folder of its own: the setup of the tests where several `medlake` processes share one PostgreSQL
/// catalog. Call ``remove()`` when the test ends (it drops the schema and deletes the folder).
struct PostgresCLILake {
    /// The test's folder; the lake is `base/lake`, inputs go beside it.
    let base: String
    let postgres: TestPostgres

    /// The lake's folder.
    var path: String { base + "/lake" }

    /// The environment every process on the lake needs: the catalog password's file.
    var environment: [String: String] { postgres.passwordEnvironment }

    /// Makes the folder (named `name-<uuid>` in the temporary directory), the schema and the lake.
    init(_ name: String) throws {
        base = NSTemporaryDirectory() + name + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        postgres = try TestPostgres()
        let created = try MedLakeProcess.run(["init", base + "/lake", "--catalog", postgres.url], environment: postgres.passwordEnvironment)
        guard created.status == 0 else {
            remove()
            throw PostgresCLILakeError.initFailed(created.stderr)
        }
    }

    /// Runs `medlake arguments… --lake PATH` to completion.
    @discardableResult
    func run(_ arguments: [String]) throws -> MedLakeProcess.Result {
        try MedLakeProcess.run(arguments + ["--lake", path], environment: environment)
    }

    /// Starts `medlake arguments… --lake PATH` without waiting.
    func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        try MedLakeProcess.start(arguments + ["--lake", path], environment: environment)
    }

    /// Ingests one small file (`--keep-unknown`) into `dataset`, so the lake has a dataset to flag.
    func ingestOneFile(into dataset: String) throws {
        let input = base + "/input-" + dataset
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try Data("payload".utf8).write(to: URL(fileURLWithPath: input + "/a.bin"))
        let ingested = try run(["ingest", input, "--dataset", dataset, "--keep-unknown"])
        try #require(ingested.status == 0, "\(ingested.stderr)")
    }

    /// The catalog, opened in this process.
    func store() throws -> CatalogStore { try postgres.store() }

    /// Expects `medlake audit verify` to find the chain intact.
    func expectAuditIntact(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verified = try run(["audit", "verify"])
        #expect(
            verified.status == 0 && verified.stdout.contains("Audit log intact"), "\(verified.stdout)\(verified.stderr)",
            sourceLocation: sourceLocation)
    }

    /// Drops the schema and deletes the folder.
    func remove() {
        postgres.drop()
        try? FileManager.default.removeItem(atPath: base)
    }
}

/// Why a ``PostgresCLILake`` could not be made.
enum PostgresCLILakeError: Error {
    /// `medlake init` failed; its standard error.
    case initFailed(String)
}
