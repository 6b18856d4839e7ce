import Catalog

/// A dataset row ingest found or created, with its id (never nil once stored).
struct FoundDataset: Sendable {
    var dataset: Dataset
    var id: Int64
    /// The row was inserted by this call.
    var created: Bool
}
