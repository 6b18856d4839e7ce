import Catalog

extension Lake {
    /// Datasets with their counts, optionally holding `modality` or `assay`, optionally in `zone`.
    public func datasets(modality: String? = nil, assay: String? = nil, zone: String? = nil) throws -> [DatasetSummary] {
        try authorize(.read)
        return try catalog.read { tx in
            try tx.datasetSummaries(modality: modality, assay: assay, zone: zone)
        }
    }

    /// The studies of dataset `name`. A restricted dataset needs a reading role or a grant (audited).
    public func studies(dataset name: String) throws -> [StudySummary] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "studies")
        return try catalog.read { tx in
            try tx.studySummaries(datasetId: try existingDataset(named: name, tx).id)
        }
    }

    /// The series of dataset `name`, optionally of one study, in ingest order. A restricted dataset needs
    /// a reading role or a grant (audited).
    public func series(dataset name: String, studyUID: String? = nil) throws -> [SeriesListing] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "series")
        return try catalog.read { tx in
            try tx.seriesListings(datasetId: try existingDataset(named: name, tx).id, studyUID: studyUID)
        }
    }

    /// Samples across datasets, optionally of one assay or one dataset. Samples of restricted datasets
    /// the actor may not read are left out (reads through a grant are audited).
    public func samples(assay: String? = nil, dataset name: String? = nil) throws -> [SampleListing] {
        try authorize(.read)
        if let name { try authorizeDatasetRead(name, purpose: "samples") }
        let samples = try catalog.read { tx in
            try tx.sampleListings(assay: assay, datasetId: try name.map { try existingDataset(named: $0, tx).id })
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
        return try catalog.read { tx in
            try tx.modalityCounts(datasetId: try name.map { try existingDataset(named: $0, tx).id })
        }
    }

}
