import Catalog
import Storage

/// How an audit event's `hash` is made from its canonical encoding (``AuditEvent/canonicalEncoding``,
/// which covers the previous event's hash, so each hash seals the chain up to it).
///
/// Events of a keyed log are sealed with HMAC-SHA256 under the lake's audit key: without the key, nobody
/// can recompute a hash, so editing an event and re-chaining everything after it — or the whole log —
/// shows. Events written before a lake switched to keyed audit keep plain SHA-256 (see `audit.keyed` in
/// `docs/integrity.md`).
enum AuditSeal: Sendable {
    /// SHA-256: events before the switch-over of a lake made by an older version.
    case unkeyed
    /// HMAC-SHA256 under the audit key.
    case keyed(KeyedHasher)

    /// The hash `event` should carry.
    func hash(_ event: AuditEvent) -> String {
        switch self {
        case .unkeyed: ContentHasher.digest(of: event.canonicalEncoding).hex
        case .keyed(let key): key.macHex(of: event.canonicalEncoding)
        }
    }

    /// Whether `event` carries the hash this seal makes.
    func verifies(_ event: AuditEvent) -> Bool {
        AuditHead.constantTimeEqual(hash(event), event.hash)
    }
}
