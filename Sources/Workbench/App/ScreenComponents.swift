/// The screen components the workbench holds, one per ``Screen``: the one place a screen is registered.
///
/// Everything else reaches a screen through ``subscript(_:)`` as an `any WorkbenchScreen`, so the
/// workbench routes keys, messages, dialogs and drawing without knowing any screen's type.
struct ScreenComponents: Sendable {
    var overview = OverviewScreen()
    var datasets = DatasetsScreen()
    var imaging = ImagingScreen()
    var genomics = GenomicsScreen()
    var flags = FlagsScreen()
    var promotions = PromotionsScreen()
    var migrations = MigrationsScreen()
    var audit = AuditScreen()

    /// The component of `screen`.
    ///
    /// - precondition: A value set for `screen` is that screen's component type.
    subscript(screen: Screen) -> any WorkbenchScreen {
        get {
            switch screen {
            case .overview: overview
            case .datasets: datasets
            case .imaging: imaging
            case .genomics: genomics
            case .flags: flags
            case .promotions: promotions
            case .migrations: migrations
            case .audit: audit
            }
        }
        set {
            switch (screen, newValue) {
            case (.overview, let value as OverviewScreen): overview = value
            case (.datasets, let value as DatasetsScreen): datasets = value
            case (.imaging, let value as ImagingScreen): imaging = value
            case (.genomics, let value as GenomicsScreen): genomics = value
            case (.flags, let value as FlagsScreen): flags = value
            case (.promotions, let value as PromotionsScreen): promotions = value
            case (.migrations, let value as MigrationsScreen): migrations = value
            case (.audit, let value as AuditScreen): audit = value
            default: preconditionFailure("\(type(of: newValue)) is not the component of \(screen)")
            }
        }
    }
}
