/// The outcome of ``Lake/verifyAudit()``.
public struct AuditVerification: Sendable, Codable, Hashable {
    /// Events that verified before the first bad one (all of them when the chain is intact).
    public var eventCount: Int
    /// Hash of the last good event.
    public var headHash: String
    /// The first event that does not verify, or the sequence number where the log and its keyed head
    /// checkpoint disagree.
    public var firstBad: BadEvent?
    /// Grants and roles in force that no audit event accounts for.
    public var unaudited: [UnauditedChange]
    /// The sequence number the keyed head checkpoint names (nil in a lake without keyed audit yet).
    public var checkpointSeq: Int64?
    /// Where the keyed chain starts: 1 for a lake made keyed, the `audit.keyed` switch-over for an older
    /// lake; nil while the lake keeps its unkeyed chain (its owner has not opened it since keyed audit).
    public var keyedFrom: Int64?

    public struct BadEvent: Sendable, Codable, Hashable {
        public var seq: Int64
        public var reason: String
    }

    /// A grant or a role in force without the audit event that should have made it.
    public struct UnauditedChange: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable, Hashable {
            /// A row of the grants table no `grant.create` event matches (or active despite its `grant.revoke`).
            case grant
            /// Roles in `lake.toml`/`lake.local.toml` that differ from those the newest role event recorded.
            case roles
        }

        public var kind: Kind
        /// The event the check compared with (the role event, or the grant's `grant.create`), if any.
        public var seq: Int64?
        /// What differs, for people.
        public var reason: String
    }

    /// True when every event verifies, the checkpoint agrees and no grant or role lacks its event.
    public var isIntact: Bool { firstBad == nil && unaudited.isEmpty }
}
