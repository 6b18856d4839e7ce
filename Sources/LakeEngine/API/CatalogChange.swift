/// Something was committed to the catalog: whoever shows it should read again (``ChangeFeed``).
///
/// It says that, not what: a client re-reads the rows it shows, which the engine filters by the caller's
/// access as always, so a change to a dataset the caller may not read tells them nothing but its time.
public struct CatalogChange: Codable, Sendable, Hashable {
    /// Counts the changes of one stream from 1, so a client can tell two changes from one.
    public var sequence: Int64

    public init(sequence: Int64) {
        self.sequence = sequence
    }
}
