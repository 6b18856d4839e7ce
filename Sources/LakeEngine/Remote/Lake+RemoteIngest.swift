import Catalog
import DICOM
import Foundation
import GRDB
import Storage

extension Lake {
    /// Pulls the instances Orthanc received into dataset `name`, through its REST API.
    ///
    /// Reads the `/changes` feed from `since` (else from where the last pull of this dataset from this
    /// server stopped) and downloads each new instance with `/instances/{id}/file`. Bytes go through the
    /// same pipeline as file ingest (hash, header parse, staging, catalog rows, per-file and series QC
    /// flags, audit). The cursor is saved in the same transaction as each batch's rows, so a killed pull
    /// resumes after the last committed batch. An instance whose data set (the bytes after the file meta
    /// group, which a server may rewrite) the dataset already holds is counted as already present.
    ///
    /// - Parameter progress: Called after each committed batch.
    public func ingest(
        fromOrthanc url: String, dataset name: String, since: Int64? = nil, credentials: RemoteCredentials?,
        options: RemoteIngestOptions = RemoteIngestOptions(), progress: ((IngestProgress) -> Void)? = nil
    ) async throws -> IngestReport {
        let server = try DICOMServerClient(baseURL: url, credentials: credentials)
        var run = try IngestRun(lake: self, dataset: name, options: options.ingest)
        var source = try remoteSource(datasetId: run.datasetId, kind: "orthanc", url: server.baseURL)
        var cursor = since ?? source.cursor
        var dataSetDigests = try dataSetDigests(of: run)
        while true {
            let page = try await server.getJSON(
                "/changes?since=\(cursor)&limit=\(options.changesPerPage)", as: OrthancChanges.self)
            var start = 0
            while start < page.changes.count {
                let batch = Array(page.changes[start..<min(start + options.ingest.batchSize, page.changes.count)])
                start += batch.count
                let ids = batch.filter { $0.changeType == "NewInstance" && $0.resourceType == "Instance" }.map(\.id)
                let downloads = try await Self.download(ids, concurrency: options.downloads) { id in
                    (server.baseURL + "/instances/" + id, try await server.get("/instances/\(id)/file").body)
                }
                let batchCursor = start == page.changes.count ? max(page.last, batch.last?.seq ?? cursor) : (batch.last?.seq ?? cursor)
                var updated = source
                updated.cursor = batchCursor
                updated.instancesIngested += Int64(downloads.count)
                updated.updatedAt = Date()
                let record = updated
                try commitRemote(downloads, run: &run, dataSetDigests: &dataSetDigests, extra: { db in
                    try record.update(db)
                })
                source = record
                cursor = batchCursor
                progress?(IngestProgress(
                    filesDone: run.report.filesSeen, filesTotal: run.report.filesSeen, bytesDone: run.report.bytesSeen,
                    bytesTotal: run.report.bytesSeen, elapsed: run.elapsed))
            }
            if page.changes.isEmpty, page.last > cursor {
                source.cursor = page.last
                source.updatedAt = Date()
                try await catalog.pool.write { [source] db in try source.update(db) }
                cursor = page.last
            }
            if page.done || page.changes.isEmpty { break }
        }
        return try run.finish()
    }

    /// Pulls every instance a DICOMweb server holds that the dataset lacks: QIDO-RS lists studies and
    /// their instances, WADO-RS retrieves each missing instance as `multipart/related` DICOM.
    ///
    /// Instances whose SOP Instance UID the dataset already catalogs are not downloaded again, so a
    /// later run fetches only new ones. Parsing, hashing, rows and flags are those of file ingest.
    public func ingest(
        fromDICOMweb url: String, dataset name: String, credentials: RemoteCredentials?,
        options: RemoteIngestOptions = RemoteIngestOptions(), progress: ((IngestProgress) -> Void)? = nil
    ) async throws -> IngestReport {
        let server = try DICOMServerClient(baseURL: url, credentials: credentials)
        var run = try IngestRun(lake: self, dataset: name, options: options.ingest)
        var dataSetDigests = try dataSetDigests(of: run)
        let knownSOPs = try await catalog.reader.read { [datasetId = run.datasetId] db in
            Set(try String.fetchAll(
                db,
                sql: "SELECT i.sopInstanceUID FROM instance i JOIN series s ON s.id = i.seriesId WHERE s.datasetId = ?",
                arguments: [datasetId]))
        }
        var missing: [(study: String, series: String, sop: String)] = []
        let studies = try await server.getJSON("/studies", as: [QIDOResult].self)
        for study in studies {
            guard let studyUID = study.string(QIDOResult.studyInstanceUID) else { continue }
            let instances = try await server.getJSON(
                "/studies/\(SignatureV4.encodeQueryComponent(studyUID))/instances", as: [QIDOResult].self)
            for instance in instances {
                guard let series = instance.string(QIDOResult.seriesInstanceUID),
                    let sop = instance.string(QIDOResult.sopInstanceUID), !knownSOPs.contains(sop)
                else { continue }
                missing.append((studyUID, series, sop))
            }
        }
        var start = 0
        while start < missing.count {
            let batch = Array(missing[start..<min(start + options.ingest.batchSize, missing.count)])
            start += batch.count
            let downloads = try await Self.download(batch, concurrency: options.downloads) { item in
                let path = "/studies/\(SignatureV4.encodeQueryComponent(item.study))/series/"
                    + "\(SignatureV4.encodeQueryComponent(item.series))/instances/\(SignatureV4.encodeQueryComponent(item.sop))"
                let (contentType, body) = try await server.get(
                    path, accept: "multipart/related; type=\"application/dicom\"")
                guard let contentType, let boundary = MultipartRelated.boundary(in: contentType),
                    let part = try MultipartRelated.parts(of: body, boundary: boundary, url: server.baseURL + path).first
                else {
                    throw RemoteSourceError(url: server.baseURL + path, message: "not a multipart/related answer")
                }
                return (server.baseURL + path, part)
            }
            try commitRemote(downloads, run: &run, dataSetDigests: &dataSetDigests, extra: nil)
            progress?(IngestProgress(
                filesDone: start, filesTotal: missing.count, bytesDone: run.report.bytesSeen,
                bytesTotal: run.report.bytesSeen, elapsed: run.elapsed))
        }
        return try run.finish()
    }

    // MARK: - Pipeline

    /// Hashes and parses downloaded instances on worker threads and commits them as one batch; an
    /// instance whose data set the dataset holds already is not stored again.
    private func commitRemote(
        _ downloads: [(path: String, bytes: [UInt8])], run: inout IngestRun, dataSetDigests: inout Set<String>,
        extra: ((Database) throws -> Void)?
    ) throws {
        run.report.filesSeen += downloads.count
        run.report.bytesSeen += downloads.reduce(0) { $0 + Int64($1.bytes.count) }
        let results = Self.parallelMap(downloads, workers: run.ingestor.options.workers) {
            [known = run.known, seen = dataSetDigests, ingestor = run.ingestor] download -> (FileIngestor.Outcome, String) in
            let dataSetDigest = Self.dataSetDigest(download.bytes)
            if seen.contains(dataSetDigest) {
                return (.alreadyInDataset(path: download.path, size: Int64(download.bytes.count)), dataSetDigest)
            }
            do {
                return (try ingestor.ingest(bytes: download.bytes, path: download.path, known: known), dataSetDigest)
            } catch {
                return (.rejected(path: download.path, reason: String(describing: error)), dataSetDigest)
            }
        }
        var digests: [(object: String, dataSet: String)] = []
        for (outcome, dataSetDigest) in results {
            if case .stored(let file) = outcome, case .imaging = file.content {
                digests.append((file.digest.hex, dataSetDigest))
            }
        }
        try run.commit(results.map(\.0)) { db in
            for pair in digests {
                try db.execute(
                    sql: "UPDATE object SET dicomDataSetSHA256 = ? WHERE sha256 = ? AND dicomDataSetSHA256 IS NULL",
                    arguments: [pair.dataSet, pair.object])
            }
            try extra?(db)
        }
        dataSetDigests.formUnion(digests.map(\.dataSet))
    }

    /// SHA-256 of the bytes after the file meta group.
    static func dataSetDigest(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { raw in
            var hasher = ContentHasher()
            hasher.update(UnsafeRawBufferPointer(rebasing: raw[DICOMReader.dataSetOffset(raw)...]))
            return hasher.finalize().hex
        }
    }

    /// The data-set digests of the dataset's DICOM objects, computing (from the ingest tier) and saving
    /// those of objects ingested from files before any remote pull.
    private func dataSetDigests(of run: IngestRun) throws -> Set<String> {
        let missing = try catalog.reader.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.sha256 FROM object o JOIN datasetFile f ON f.objectId = o.id
                    WHERE f.datasetId = ? AND f.format = 'DICOM' AND o.dicomDataSetSHA256 IS NULL
                      AND o.tier = ?
                    """,
                arguments: [run.datasetId, run.tier.name])
        }
        var computed: [(Int64, String)] = []
        for row in missing {
            let hex: String = row["sha256"]
            guard let digest = ObjectDigest(hex: hex),
                let bytes = FileManager.default.contents(atPath: run.tier.path(of: digest))
            else { continue }
            computed.append((row["id"], Self.dataSetDigest(Array(bytes))))
        }
        if !computed.isEmpty {
            try catalog.pool.write { db in
                for (id, digest) in computed {
                    try db.execute(sql: "UPDATE object SET dicomDataSetSHA256 = ? WHERE id = ?", arguments: [digest, id])
                }
            }
        }
        return try catalog.reader.read { db in
            Set(try String.fetchAll(
                db,
                sql: """
                    SELECT o.dicomDataSetSHA256 FROM object o JOIN datasetFile f ON f.objectId = o.id
                    WHERE f.datasetId = ? AND o.dicomDataSetSHA256 IS NOT NULL
                    """,
                arguments: [run.datasetId]))
        }
    }

    /// The dataset's row for the server, created with cursor 0 on first use.
    private func remoteSource(datasetId: Int64, kind: String, url: String) throws -> RemoteSource {
        try catalog.pool.write { db in
            if let source = try RemoteSource.filter(
                RemoteSource.Columns.datasetId == datasetId && RemoteSource.Columns.kind == kind
                    && RemoteSource.Columns.url == url
            ).fetchOne(db) {
                return source
            }
            var source = RemoteSource(datasetId: datasetId, kind: kind, url: url, updatedAt: Date())
            try source.insert(db)
            return source
        }
    }

    /// Runs `fetch` over `items` with at most `concurrency` in flight, keeping the order.
    static func download<Item: Sendable>(
        _ items: [Item], concurrency: Int, _ fetch: @escaping @Sendable (Item) async throws -> (String, [UInt8])
    ) async throws -> [(path: String, bytes: [UInt8])] {
        var results = [(path: String, bytes: [UInt8])?](repeating: nil, count: items.count)
        try await withThrowingTaskGroup(of: (Int, String, [UInt8]).self) { group in
            var next = 0
            func add() {
                let index = next
                let item = items[index]
                next += 1
                group.addTask {
                    let (path, bytes) = try await fetch(item)
                    return (index, path, bytes)
                }
            }
            while next < min(concurrency, items.count) { add() }
            while let (index, path, bytes) = try await group.next() {
                results[index] = (path, bytes)
                if next < items.count { add() }
            }
        }
        return results.compactMap { $0 }
    }
}
