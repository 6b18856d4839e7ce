import Foundation

extension AuditEvent {
    /// The all-zero hash that the first event of a chain points back to.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes the event's `hash` covers: every field but `hash`, in a fixed order, each as
    /// `name:<byte count>:<UTF-8 bytes>\n`.
    ///
    /// Length prefixes make the encoding unambiguous whatever the fields contain (no escaping rules to
    /// disagree on), and the fixed order makes it independent of any encoder's key ordering.
    public var canonicalEncoding: [UInt8] {
        let fields: [(String, String)] = [
            ("seq", String(seq)), ("time", String(time)), ("actor", actor), ("role", role),
            ("action", action), ("target", target), ("details", details), ("prevHash", prevHash),
        ]
        var bytes: [UInt8] = []
        for (name, value) in fields {
            bytes += Array("\(name):\(value.utf8.count):".utf8)
            bytes += Array(value.utf8)
            bytes.append(0x0A)
        }
        return bytes
    }
}
