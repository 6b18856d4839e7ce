extension CatalogTransaction {
    /// The instances of series `seriesUID` in the dataset with row id `datasetId`, by instance number.
    public func instances(datasetId: Int64, seriesUID: String) throws -> [Instance] {
        try instanceListing(datasetId: datasetId, seriesUID: seriesUID, window: ListingWindow(sort: .number)).rows
    }

    /// One page of the instances of series `seriesUID` in the dataset with row id `datasetId`, sorted and
    /// filtered as `window` says; the text filter looks at the instance number, SOP Instance UID and transfer
    /// syntax UID.
    ///
    /// A series of 100,000 instances answers a page without reading the rest: the series is found through
    /// `(datasetId, seriesInstanceUID)` and its instances through `instance(seriesId)`.
    public func instanceListing(
        datasetId: Int64, seriesUID: String, window: ListingWindow<InstanceSort>
    ) throws -> ListingPage<Instance> {
        var listing = ListingStatement(
            "FROM instance i WHERE i.seriesId = (SELECT id FROM series WHERE datasetId = ? AND seriesInstanceUID = ?)",
            [datasetId, seriesUID], order: window.sort.order, descending: window.descending)
        listing.match(
            window.text, in: ["CAST(i.instanceNumber AS TEXT)", "i.sopInstanceUID", "i.transferSyntaxUID"],
            dialect: connection.dialect)
        return try listing.page(Instance.self, selecting: "i.*", window, connection)
    }
}

extension CatalogTransaction {
    /// The object of instance `sopInstanceUID` in the dataset, if the dataset catalogs that instance.
    public func instanceObjectId(datasetId: Int64, sopInstanceUID: String) throws -> Int64? {
        try connection.fetchValue(
            Int64.self,
            """
            SELECT i.objectId FROM instance i JOIN series s ON s.id = i.seriesId
            WHERE i.sopInstanceUID = ? AND s.datasetId = ?
            """,
            [sopInstanceUID, datasetId], cached: true)
    }

    /// Those of `sopInstanceUIDs` the dataset with row id `datasetId` catalogs: what a pull through the
    /// service need not retrieve again (one indexed lookup per UID, however large the dataset).
    public func cataloguedSOPInstanceUIDs(datasetId: Int64, among sopInstanceUIDs: [String]) throws -> Set<String> {
        guard !sopInstanceUIDs.isEmpty else { return [] }
        let arguments: CatalogArguments = [datasetId] + sopInstanceUIDs.map { $0 }
        return Set(
            try connection.fetchValues(
                String.self,
                """
                SELECT i.sopInstanceUID FROM instance i JOIN series s ON s.id = i.seriesId
                WHERE s.datasetId = ? AND i.sopInstanceUID IN (\(placeholders(sopInstanceUIDs.count)))
                """,
                arguments))
    }

    /// The SOP Instance UIDs the dataset catalogs.
    public func sopInstanceUIDs(datasetId: Int64) throws -> Set<String> {
        Set(
            try connection.fetchValues(
                String.self,
                """
                SELECT i.sopInstanceUID FROM instance i JOIN series s ON s.id = i.seriesId
                WHERE s.datasetId = ?
                """,
                [datasetId]))
    }

    /// Inserts `instance`.
    ///
    /// Explicit SQL through the statement cache rather than the record's `Codable` encoding: ingest runs it
    /// once per instance.
    public func insertInstance(_ instance: Instance) throws {
        try connection.execute(
            """
            INSERT INTO instance (seriesId, objectId, sopInstanceUID, sopClassUID, instanceNumber, transferSyntaxUID,
              rows, columns, frames, imagePosition, imageOrientation, pixelSpacing)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                instance.seriesId, instance.objectId, instance.sopInstanceUID, instance.sopClassUID,
                instance.instanceNumber, instance.transferSyntaxUID, instance.rows, instance.columns, instance.frames,
                instance.imagePosition, instance.imageOrientation, instance.pixelSpacing,
            ], cached: true)
    }
}
