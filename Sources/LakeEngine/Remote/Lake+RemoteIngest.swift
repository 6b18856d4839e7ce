import Catalog
import DICOM
import Foundation
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
    /// Instances larger than the options' spool threshold are streamed to a file in the ingest tier, never
    /// held whole in memory; the next batch downloads while one is committed.
    ///
    /// - Parameter progress: Called after each committed batch.
    public func ingest(
        fromOrthanc url: String, dataset name: String, since: Int64? = nil, credentials: RemoteCredentials?,
        options: RemoteIngestOptions = RemoteIngestOptions(), progress: ((IngestProgress) -> Void)? = nil
    ) async throws -> IngestReport {
        let server = try DICOMServerClient(baseURL: url, credentials: credentials)
        var run = try IngestRun(lake: self, dataset: name, options: options.runIngest)
        do {
            // The server's cursor row names the dataset from the start.
            let datasetId = try run.createDataset()
            let spoolFolder = try Self.spoolFolder(of: run)
            var source = try remoteSource(datasetId: datasetId, kind: .orthanc, url: server.baseURL)
            var cursor = since ?? source.cursor
            var dataSetDigests = try dataSetDigests(of: run, datasetId: datasetId)
            while true {
                let page = try await server.getJSON(
                    "/changes?since=\(cursor)&limit=\(options.changesPerPage)", as: OrthancChanges.self)
                // Batches of `batchSize` new instances (other changes are skipped), each ending at its last
                // instance's change; the last batch of a page ends at the page's end.
                let instances = page.changes.filter { $0.changeType == "NewInstance" && $0.resourceType == "Instance" }
                let size = options.ingest.batchSize
                let batches = stride(from: 0, to: instances.count, by: size).map {
                    Array(instances[$0..<min($0 + size, instances.count)])
                }
                // The next batch downloads while this one is parsed and committed.
                let fetch = { @Sendable (batch: [OrthancChanges.Change]) in
                    Task {
                        try await Self.download(batch.map(\.id), concurrency: options.downloads) { id in
                            let (_, body) = try await server.fetch(
                                "/instances/\(id)/file", spoolFolder: spoolFolder,
                                spoolThreshold: options.spoolThreshold)
                            return RemoteDownload(source: server.baseURL + "/instances/" + id, body: body)
                        }
                    }
                }
                var next = batches.first.map(fetch)
                for (index, batch) in batches.enumerated() {
                    guard let current = next else { break }
                    next = nil
                    let downloads = try await current.value
                    next = index + 1 < batches.count ? fetch(batches[index + 1]) : nil
                    let batchCursor = index + 1 == batches.count
                        ? max(page.last, batch.last?.seq ?? cursor) : (batch.last?.seq ?? cursor)
                    var updated = source
                    updated.cursor = batchCursor
                    updated.instancesIngested += Int64(downloads.count)
                    updated.updatedAt = Date()
                    let record = updated
                    do {
                        try commitRemote(downloads, run: &run, dataSetDigests: &dataSetDigests, extra: { tx in
                            try tx.update(record)
                        })
                    } catch {
                        if let next {
                            next.cancel()
                            for download in (try? await next.value) ?? [] { download.body.remove() }
                        }
                        throw error
                    }
                    source = record
                    cursor = batchCursor
                    progress?(run.progressSoFar)
                }
                if batches.isEmpty, page.last > cursor {
                    source.cursor = page.last
                    source.updatedAt = Date()
                    try await catalog.write { [source] tx in try tx.update(source) }
                    cursor = page.last
                }
                if page.done || page.changes.isEmpty { break }
            }
            return try run.finishPull()
        } catch {
            // A pull that fails before recording a file leaves no empty dataset behind.
            try? run.discardEmptyDataset()
            throw error
        }
    }

    /// Pulls every instance a DICOMweb server holds that the dataset lacks: QIDO-RS lists studies, their
    /// series and the series' instances, page by page (`limit`/`offset`, ``RemoteIngestOptions/qidoPageSize``),
    /// and WADO-RS retrieves each missing instance as `multipart/related` DICOM.
    ///
    /// Instances whose SOP Instance UID the dataset already catalogs are not downloaded again, so a
    /// later run fetches only new ones. Missing instances are pulled and committed in batches as the
    /// listing goes, so neither the listing nor the instances are ever held whole. Parsing, hashing, rows
    /// and flags are those of file ingest; large instances are spooled as for Orthanc.
    public func ingest(
        fromDICOMweb url: String, dataset name: String, credentials: RemoteCredentials?,
        options: RemoteIngestOptions = RemoteIngestOptions(), progress: ((IngestProgress) -> Void)? = nil
    ) async throws -> IngestReport {
        let server = try DICOMServerClient(baseURL: url, credentials: credentials)
        var run = try IngestRun(lake: self, dataset: name, options: options.runIngest)
        do {
            let datasetId = try run.createDataset()
            let spoolFolder = try Self.spoolFolder(of: run)
            var dataSetDigests = try dataSetDigests(of: run, datasetId: datasetId)
            let knownSOPs = try await catalog.read { tx in try tx.sopInstanceUIDs(datasetId: datasetId) }
            var pending: [WADOInstance] = []
            func pull(_ batch: [WADOInstance]) async throws {
                let downloads = try await Self.download(batch, concurrency: options.downloads) { item in
                    try await Self.retrieve(
                        item, from: server, spoolFolder: spoolFolder, spoolThreshold: options.spoolThreshold)
                }
                try commitRemote(downloads, run: &run, dataSetDigests: &dataSetDigests, extra: nil)
                progress?(run.progressSoFar)
            }
            let pageSize = options.qidoPageSize
            try await server.eachInstance(pageSize: pageSize) { sop, path in
                guard !knownSOPs.contains(sop) else { return }
                pending.append(WADOInstance(sopInstanceUID: sop, path: path))
                if pending.count >= options.ingest.batchSize {
                    try await pull(pending)
                    pending = []
                }
            }
            if !pending.isEmpty { try await pull(pending) }
            return try run.finishPull()
        } catch {
            // A pull that fails before recording a file leaves no empty dataset behind.
            try? run.discardEmptyDataset()
            throw error
        }
    }

    /// One instance found by QIDO-RS: its SOP Instance UID and WADO-RS path under the server's base URL.
    struct WADOInstance: Sendable {
        var sopInstanceUID: String
        var path: String
    }

    /// Retrieves one instance with WADO-RS and takes the DICOM body out of the `multipart/related` answer;
    /// a spooled answer is split on disk, on ``IOThreads`` (it reads and writes the whole file).
    static func retrieve(
        _ item: WADOInstance, from server: DICOMServerClient, spoolFolder: String, spoolThreshold: Int
    ) async throws -> RemoteDownload {
        let url = server.baseURL + item.path
        let (headers, body) = try await server.fetch(
            item.path, accept: "multipart/related; type=\"application/dicom\"", spoolFolder: spoolFolder,
            spoolThreshold: spoolThreshold)
        defer { body.remove() }
        guard let contentType = headers.first(name: "content-type"), let boundary = MultipartRelated.boundary(in: contentType)
        else {
            throw RemoteSourceError(url: url, message: "not a multipart/related answer")
        }
        switch body {
        case .memory(let bytes):
            guard let part = try MultipartRelated.parts(of: bytes, boundary: boundary, url: url).first else {
                throw RemoteSourceError(url: url, message: "multipart answer without parts")
            }
            return RemoteDownload(source: url, body: .memory(part))
        case .spooled(let path, _):
            let part = try await IOThreads.perform {
                try MultipartRelated.firstPart(ofFileAt: path, boundary: boundary, url: url, into: spoolFolder)
            }
            return RemoteDownload(source: url, body: part)
        }
    }

    // MARK: - Pipeline

    /// Hashes and parses downloaded instances on worker threads and commits them as one batch; an
    /// instance whose data set the dataset holds already is not stored again. Spool files are removed
    /// once their instance is ingested.
    private func commitRemote(
        _ downloads: [RemoteDownload], run: inout IngestRun, dataSetDigests: inout Set<String>,
        extra: ((CatalogTransaction) throws -> Void)?
    ) throws {
        run.report.filesSeen += downloads.count
        run.report.bytesSeen += downloads.reduce(0) { $0 + $1.body.size }
        let results = Self.parallelMap(downloads, workers: run.ingestor.options.workers) {
            [known = run.known, seen = dataSetDigests, ingestor = run.ingestor] download -> (FileIngestor.Outcome, String?) in
            defer { download.body.remove() }
            return Self.ingest(download, ingestor: ingestor, known: known, seenDataSets: seen)
        }
        var digests: [(object: String, dataSet: String)] = []
        for (outcome, dataSetDigest) in results {
            if case .stored(let file) = outcome, case .imaging = file.content, let dataSetDigest {
                digests.append((file.digest.hex, dataSetDigest))
            }
        }
        try run.commit(results.map(\.0)) { tx in
            for pair in digests { try tx.setDataSetDigestIfMissing(pair.dataSet, sha256: pair.object) }
            try extra?(tx)
        }
        dataSetDigests.formUnion(digests.map(\.dataSet))
    }

    /// Ingests one download: from memory, or a spooled file through the streaming path of file ingest
    /// (the outcome then names the source URL, not the spool file). Returns the data-set digest too.
    private static func ingest(
        _ download: RemoteDownload, ingestor: FileIngestor, known: Set<String>, seenDataSets: Set<String>
    ) -> (FileIngestor.Outcome, String?) {
        var dataSetDigest: String?
        do {
            switch download.body {
            case .memory(let bytes):
                let digest = Self.dataSetDigest(bytes)
                dataSetDigest = digest
                if seenDataSets.contains(digest) {
                    return (.alreadyInDataset(path: download.source, size: Int64(bytes.count)), digest)
                }
                return (try ingestor.ingest(bytes: bytes, path: download.source, known: known), digest)
            case .spooled(let path, let size):
                let digest = try Self.dataSetDigest(ofFileAt: path)
                dataSetDigest = digest
                if seenDataSets.contains(digest) { return (.alreadyInDataset(path: download.source, size: size), digest) }
                let outcome = ingestor.ingest(FileWalker.Entry(path: SourcePath(path), size: size), known: known)
                return (outcome.naming(download.source, insteadOf: path), digest)
            }
        } catch {
            return (.rejected(path: download.source, reason: String(describing: error)), dataSetDigest)
        }
    }

    /// SHA-256 of the bytes after the file meta group.
    static func dataSetDigest(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { raw in
            var hasher = ContentHasher()
            hasher.update(UnsafeRawBufferPointer(rebasing: raw[DICOMReader.dataSetOffset(raw)...]))
            return hasher.finalize().hex
        }
    }

    /// SHA-256 of the bytes after the file meta group of the file at `path`, read 1 MiB at a time (the
    /// meta group is looked for in the first MiB).
    static func dataSetDigest(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StorageError(operation: "open", path: path, errno: errno)
        }
        defer { try? handle.close() }
        let chunk = 1 << 20
        let head = try handle.read(upToCount: chunk) ?? Data()
        let offset = head.withUnsafeBytes { DICOMReader.dataSetOffset($0) }
        var hasher = ContentHasher()
        head.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
        while let data = try handle.read(upToCount: chunk), !data.isEmpty {
            data.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalize().hex
    }

    /// The ingest tier's temporary folder, created when missing, where large instances are spooled.
    private static func spoolFolder(of run: IngestRun) throws -> String {
        try run.tier.prepare()
        return run.tier.root + "/tmp"
    }

    /// The data-set digests of the dataset's DICOM objects, computing (from the ingest tier) and saving
    /// those of objects ingested from files before any remote pull.
    private func dataSetDigests(of run: IngestRun, datasetId: Int64) throws -> Set<String> {
        let tierName = run.tier.name
        let missing = try catalog.read { tx in try tx.objectsWithoutDataSetDigest(datasetId: datasetId, tier: tierName) }
        var computed: [(Int64, String)] = []
        for object in missing {
            guard let digest = ObjectDigest(hex: object.sha256),
                let bytes = FileManager.default.contents(atPath: run.tier.path(of: digest))
            else { continue }
            computed.append((object.id, Self.dataSetDigest(Array(bytes))))
        }
        if !computed.isEmpty {
            try catalog.write { tx in
                for (id, digest) in computed { try tx.setDataSetDigest(digest, objectId: id) }
            }
        }
        return try catalog.read { tx in try tx.dataSetDigests(datasetId: datasetId) }
    }

    /// The dataset's row for the server, created with cursor 0 on first use.
    private func remoteSource(datasetId: Int64, kind: RemoteSource.Kind, url: String) throws -> RemoteSource {
        try catalog.write { tx in
            if let source = try tx.remoteSource(datasetId: datasetId, kind: kind, url: url) { return source }
            var source = RemoteSource(datasetId: datasetId, kind: kind, url: url, updatedAt: Date())
            try tx.insert(&source)
            return source
        }
    }

    /// Runs `fetch` over `items` with at most `concurrency` in flight, keeping the order. When one fails,
    /// the spool files of those already downloaded are removed before the error is rethrown.
    static func download<Item: Sendable>(
        _ items: [Item], concurrency: Int, _ fetch: @escaping @Sendable (Item) async throws -> RemoteDownload
    ) async throws -> [RemoteDownload] {
        var results = [RemoteDownload?](repeating: nil, count: items.count)
        do {
            try await withThrowingTaskGroup(of: (Int, RemoteDownload).self) { group in
                var next = 0
                func add() {
                    let index = next
                    let item = items[index]
                    next += 1
                    group.addTask { (index, try await fetch(item)) }
                }
                while next < min(concurrency, items.count) { add() }
                while let (index, download) = try await group.next() {
                    results[index] = download
                    if next < items.count { add() }
                }
            }
        } catch {
            for download in results { download?.body.remove() }
            throw error
        }
        return results.compactMap { $0 }
    }
}

/// One downloaded instance and the URL it came from (the name the catalog and reports give it).
struct RemoteDownload: Sendable {
    var source: String
    var body: RemoteBody
}

extension FileIngestor.Outcome {
    /// The outcome with `source` as the file's name wherever `spool` (the file actually read) appears.
    func naming(_ source: String, insteadOf spool: String) -> Self {
        switch self {
        case .stored(var file):
            file.path = source
            return .stored(file)
        case .alreadyInDataset(_, let size):
            return .alreadyInDataset(path: source, size: size)
        case .rejected(_, let reason):
            return .rejected(path: source, reason: reason.replacingOccurrences(of: spool, with: source))
        }
    }
}
