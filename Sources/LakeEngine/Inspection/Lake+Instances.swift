import Catalog

extension Lake {
    /// The instances of series `seriesUID` in dataset `name`, by instance number.
    public func instances(dataset name: String, seriesUID: String) throws -> [Instance] {
        try instances(dataset: name, seriesUID: seriesUID, window: ListingWindow(sort: .number)).rows
    }

    /// One page of the instances of series `seriesUID` in dataset `name`, sorted and filtered as `window`
    /// says. A restricted dataset needs a reading role or a grant (audited).
    public func instances(
        dataset name: String, seriesUID: String, window: ListingWindow<InstanceSort>
    ) throws -> ListingPage<Instance> {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "instances")
        return try catalog.read { tx in
            try tx.instanceListing(datasetId: try existingDataset(named: name, tx).id, seriesUID: seriesUID, window: window)
        }
    }

    /// The genomic files of sample `sample` in dataset `name`, with where their bytes are.
    public func genomicFiles(dataset name: String, sample: String) throws -> [GenomicFileEntry] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "genomic-files")
        return try catalog.read { tx in
            try tx.genomicFileEntries(datasetId: try existingDataset(named: name, tx).id, sample: sample)
        }
    }
}
