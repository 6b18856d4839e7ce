extension Buffer {
    /// The cells that differ from `previous`, row by row; every cell when the sizes differ.
    ///
    /// Backends copy only these to the terminal, which is why a progress tick costs tens of bytes.
    public func changes(from previous: Buffer?) -> [CellChange] {
        var out: [CellChange] = []
        let width = area.width
        guard let previous, previous.area == area else {
            out.reserveCapacity(cells.count)
            for (index, cell) in cells.enumerated() {
                out.append(CellChange(column: index % width, row: index / width, cell: cell))
            }
            return out
        }
        for index in cells.indices where cells[index] != previous.cells[index] {
            out.append(CellChange(column: index % width, row: index / width, cell: cells[index]))
        }
        return out
    }
}
