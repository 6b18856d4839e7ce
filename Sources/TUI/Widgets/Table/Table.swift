/// A virtualized table: a header row with sort indicators, then the rows of ``source`` that fit,
/// the selected one highlighted.
///
/// Only visible rows are fetched and measured; column widths come from the header and those rows,
/// so widths may change as the user scrolls (as in k9s), and the cost per frame does not depend on
/// ``TableSource/rowCount``.
public struct Table<Source: TableSource>: StatefulWidget {
    public var columns: [TableColumn]
    public var source: Source
    /// An unfocused table draws its selection in ``Role/selectionInactive``.
    public var isFocused: Bool
    /// Cells between columns.
    public var columnSpacing: Int

    public init(columns: [TableColumn], source: Source, isFocused: Bool = true, columnSpacing: Int = 1) {
        self.columns = columns
        self.source = source
        self.isFocused = isFocused
        self.columnSpacing = columnSpacing
    }
}
