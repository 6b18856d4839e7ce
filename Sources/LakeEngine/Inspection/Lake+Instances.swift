import Catalog

extension Lake {
    /// The instances of series `seriesUID` in dataset `name`, by instance number.
    public func instances(dataset name: String, seriesUID: String) throws -> [Instance] {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "instances")
        return try catalog.read { tx in
            try tx.instances(datasetId: try existingDataset(named: name, tx).id, seriesUID: seriesUID)
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
