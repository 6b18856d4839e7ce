import Catalog
import Foundation

/// A grant with its dataset's name and whether it is live now.
public struct GrantListing: Codable, Hashable, Sendable {
    public var grant: AccessGrant
    public var dataset: String
    /// `active`, `expired` or `revoked`.
    public var status: String
}
