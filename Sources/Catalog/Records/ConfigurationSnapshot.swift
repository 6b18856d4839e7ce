import Foundation
import GRDB

/// The `lake.toml` the catalog last saw: the SHA-256 of its bytes and its settings flattened to dotted keys.
///
/// The table holds one row (id 1). A process opening the lake compares the file with it, so a hand edit
/// of `lake.toml` is audited once (`config.changed`, with the keys it changed) by the first process that
/// notices it, and medlake's own configuration writes replace the row in the transaction of their event.
public struct ConfigurationSnapshot: Codable, Hashable, Sendable {
    /// Always 1: there is one configuration per lake.
    public var id: Int64
    /// SHA-256 of the file's bytes, 64 lowercase hexadecimal characters.
    public var sha256: String
    /// A JSON object of dotted key (`tiers.hot.path`, `lifecycle.rules[0].after`) → canonical value text.
    public var settings: String
    public var recordedAt: Date

    public init(sha256: String, settings: String, recordedAt: Date) {
        id = 1
        self.sha256 = sha256
        self.settings = settings
        self.recordedAt = recordedAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sha256 = Column(CodingKeys.sha256)
    }
}

// MARK: - Persistence

extension ConfigurationSnapshot: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "configurationSnapshot"
}
