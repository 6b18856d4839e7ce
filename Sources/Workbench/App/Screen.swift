/// The workbench's screens, in palette order; the raw value is the palette command (`:imaging`).
///
/// Each case has a component (a ``WorkbenchScreen``) in ``ScreenComponents``.
public enum Screen: String, Sendable, Hashable, CaseIterable {
    case overview, datasets, imaging, genomics, flags, promotions, migrations, audit

    /// Title shown in the header and the palette.
    var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// One line for the palette.
    var summary: String {
        switch self {
        case .overview: "lake, roles, datasets, occupancy, open flags"
        case .datasets: "datasets by modality and assay"
        case .imaging: "studies, series, instances, tags, preview"
        case .genomics: "samples, files, headers, integrity"
        case .flags: "quality flag review queue"
        case .promotions: "pending promotions and approvals"
        case .migrations: "tier migrations and lifecycle plans"
        case .audit: "audit log tail and chain verification"
        }
    }
}
