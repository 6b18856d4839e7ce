import Catalog

extension Lake {
    /// Datasets with their counts, optionally holding `modality` or `assay`, optionally in `zone`.
    public func datasets(modality: String? = nil, assay: String? = nil, zone: String? = nil) throws -> [DatasetSummary] {
        try authorize(.read)
        return try catalog.read { tx in
            try tx.datasetSummaries(modality: modality, assay: assay, zone: zone)
        }
    }

    /// Every study of dataset `name`, by date then UID (see ``studies(dataset:window:containing:)``).
    public func studies(dataset name: String) throws -> [StudySummary] {
        try studies(dataset: name, window: ListingWindow(sort: .date)).rows
    }

    /// Every series of dataset `name`, optionally of one study, in the order they were catalogued (see
    /// ``series(dataset:studyUID:window:containing:)``).
    public func series(dataset name: String, studyUID: String? = nil) throws -> [SeriesListing] {
        try series(dataset: name, studyUID: studyUID, window: ListingWindow(sort: .ingested)).rows
    }

    /// Every sample the actor may read, optionally of one assay or one dataset, by dataset then name (see
    /// ``samples(assay:dataset:window:)``).
    public func samples(assay: String? = nil, dataset name: String? = nil) throws -> [SampleListing] {
        try samples(assay: assay, dataset: name, window: ListingWindow(sort: .dataset)).rows
    }

    /// One page of the studies of dataset `name`, or (nil) of every dataset the actor may read grouped by
    /// dataset name, sorted and filtered as `window` says, or the page holding the study `containing` of
    /// dataset `name` (not found when the filtered listing does not hold it). A restricted dataset needs a
    /// reading role or a grant (audited); across datasets, the studies of restricted datasets the actor may not
    /// read are left out before the page is cut.
    public func studies(
        dataset name: String?, window: ListingWindow<StudySort>, containing: String? = nil
    ) throws -> ListingPage<StudySummary> {
        try authorize(.read)
        guard let name else {
            if containing != nil { throw LakeError.invalidArgument("Please give the dataset of the study to find.") }
            let readable = try readableDatasetIds(purpose: "studies") { tx in try tx.datasetIdsHoldingStudies() }
            return try catalog.read { tx in try tx.studySummaries(among: readable, window: window) }
        }
        try authorizeDatasetRead(name, purpose: "studies")
        return try catalog.read { tx in
            let id = try existingDataset(named: name, tx).id
            var window = window
            if let containing {
                guard let position = try tx.studyPosition(datasetId: id, studyUID: containing, window: window) else {
                    throw LakeError.notFound(kind: "study", id: containing)
                }
                window = window.holding(position: position)
            }
            return try tx.studySummaries(datasetId: id, window: window)
        }
    }

    /// One page of the series of dataset `name` (optionally of one study), sorted and filtered as `window`
    /// says, or the page holding the series `containing` (not found when the filtered listing does not hold
    /// it). A restricted dataset needs a reading role or a grant (audited).
    public func series(
        dataset name: String, studyUID: String? = nil, window: ListingWindow<SeriesSort>, containing: String? = nil
    ) throws -> ListingPage<SeriesListing> {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "series")
        return try catalog.read { tx in
            let id = try existingDataset(named: name, tx).id
            var window = window
            if let containing {
                guard
                    let position = try tx.seriesPosition(
                        datasetId: id, studyUID: studyUID, seriesUID: containing, window: window)
                else { throw LakeError.notFound(kind: "series", id: containing) }
                window = window.holding(position: position)
            }
            return try tx.seriesListings(datasetId: id, studyUID: studyUID, window: window)
        }
    }

    /// One page of the samples across datasets, optionally of one assay or one dataset, sorted and filtered as
    /// `window` says. Samples of restricted datasets the actor may not read are left out before the page is
    /// cut (reads through a grant are audited, for the datasets holding samples of the assay).
    public func samples(
        assay: String? = nil, dataset name: String? = nil, window: ListingWindow<SampleSort>
    ) throws -> ListingPage<SampleListing> {
        try authorize(.read)
        if let name {
            try authorizeDatasetRead(name, purpose: "samples")
            return try catalog.read { tx in
                try tx.sampleListings(assay: assay, datasetId: try existingDataset(named: name, tx).id, window: window)
            }
        }
        let readable = try readableDatasetIds(purpose: "samples") { tx in try tx.datasetIdsHoldingSamples(assay: assay) }
        return try catalog.read { tx in try tx.sampleListings(assay: assay, among: readable, window: window) }
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
