import TUI

/// A million made-up lake objects computed from their row number, so the demo shows a table as
/// large as a real catalog without holding it. Sorting is by id only (the order can be reversed).
struct SyntheticObjects: TableSource {
    let rowCount: Int
    var descending = false

    static let columns = [
        TableColumn("Object", width: .auto(min: 8, max: 14)),
        TableColumn("Dataset", width: .auto(min: 8, max: 22)),
        TableColumn("Tier", width: .auto(min: 4, max: 8)),
        TableColumn("Size", width: .auto(min: 6, max: 10), alignment: .right),
        TableColumn("Description", width: .fill(min: 8)),
    ]

    private static let datasets = ["ct-chest", "mr-brain", "wgs-cohort-7", "rna-liver", "山田^太郎 study", "pet-wb"]
    private static let tiers = ["hot", "warm", "cold", "archive"]
    private static let notes = [
        "axial 1.25 mm", "T1 post-contrast", "30x coverage", "Müller e\u{301} re-scan", "👩‍🔬 reviewed",
        "\u{1B}[2J hostile description", "مرحبا",
    ]

    func value(row: Int, column: Int) -> String {
        let id = descending ? rowCount - 1 - row : row
        let mixed = (id &* 2_654_435_761) & 0xFFFF_FFFF
        switch column {
        case 0: return "obj-\(id)"
        case 1: return Self.datasets[mixed % Self.datasets.count]
        case 2: return Self.tiers[(mixed >> 8) % Self.tiers.count]
        case 3: return "\((mixed >> 4) % 9000 + 100) MB"
        default: return Self.notes[(mixed >> 12) % Self.notes.count]
        }
    }
}
