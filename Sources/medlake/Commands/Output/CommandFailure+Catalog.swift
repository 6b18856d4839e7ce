import Catalog
import LakeEngine

/// The codes of the catalog's refusals: where it lives, its password, and moving it.
extension CommandFailure {
    init(_ error: CatalogCopyError) {
        switch error {
        case .notOwner(let user):
            self.init(code: .permissionDenied, message: error.description)
            self.user = user
        case .alreadyOnPostgreSQL, .serviceRunning:
            self.init(code: .conflict, message: error.description)
        case .auditChainBroken, .auditHeadDiffers:
            self.init(code: .failed, message: error.description)
        }
    }

    init(_ error: CatalogError) {
        switch error {
        case .badCatalogURL:
            self.init(code: .invalidArgument, message: error.description)
        case .badPasswordFile(let path, _):
            // A password file others could read, or that is not the lake owner's: refused as access is.
            self.init(code: .permissionDenied, message: error.description)
            self.path = path
        case .catalogNotEmpty:
            self.init(code: .conflict, message: error.description)
        default:
            self.init(code: .failed, message: error.description)
        }
    }
}
