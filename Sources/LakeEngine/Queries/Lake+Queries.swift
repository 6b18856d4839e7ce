import Catalog
import GRDB

extension Lake {
    /// Datasets with their counts, optionally holding `modality` or `assay`, optionally in `zone`.
    public func datasets(modality: String? = nil, assay: String? = nil, zone: String? = nil) throws -> [DatasetSummary] {
        try authorize(.read)
        return try catalog.reader.read { db in
            try DatasetSummary.fetchAll(db, modality: modality, assay: assay, zone: zone)
        }
    }

    /// The studies of dataset `name`. A restricted dataset needs a reading role or a grant (audited).
    public func studies(dataset name: String) throws -> [StudySummary] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "studies")
        return try catalog.reader.read { db in
            try StudySummary.fetchAll(db, datasetId: try datasetId(named: name, db))
        }
    }

    /// The series of dataset `name`, optionally of one study, in ingest order or `order`. A restricted dataset needs a reading role or
    /// a grant (audited).
    public func series(
        dataset name: String, studyUID: String? = nil, order: ListingOrder<SeriesSortKey>? = nil
    ) throws -> [SeriesListing] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "series")
        return try catalog.reader.read { db in
            try SeriesListing.fetchAll(db, datasetId: try datasetId(named: name, db), studyUID: studyUID, order: order)
        }
    }

    /// Samples across datasets, optionally of one assay or one dataset. Samples of restricted datasets
    /// the actor may not read are left out (reads through a grant are audited).
    public func samples(assay: String? = nil, dataset name: String? = nil) throws -> [SampleListing] {
        try authorize(.read)
        if let name { try authorizeDatasetRead(name, purpose: "samples") }
        let samples = try catalog.reader.read { db in
            try SampleListing.fetchAll(db, assay: assay, datasetId: try name.map { try datasetId(named: $0, db) })
        }
        if name != nil { return samples }
        let readable = try readableDatasets(Set(samples.map(\.datasetName)), purpose: "samples")
        return samples.filter { readable.contains($0.datasetName) }
    }

    /// Series and instance counts by modality, over the lake (aggregate counts, shown to every reader) or
    /// one dataset (a restricted one needs a reading role or a grant).
    public func modalityCounts(dataset name: String? = nil) throws -> [ModalityCount] {
        try authorize(.read)
        if let name { try authorizeDatasetRead(name, purpose: "modalities") }
        return try catalog.reader.read { db in
            try ModalityCount.fetchAll(db, datasetId: try name.map { try datasetId(named: $0, db) })
        }
    }

    func datasetId(named name: String, _ db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE name = ?", arguments: [name]) else {
            throw LakeError.notFound(kind: "dataset", id: name)
        }
        return id
    }
}
