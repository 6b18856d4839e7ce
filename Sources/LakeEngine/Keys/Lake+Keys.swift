import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// The lake's private key folder, beside `lake.toml`.
    static let keysFolderName = "keys"

    /// Where the key for `purpose` lives.
    func keyPath(_ purpose: LakeKeyPurpose) -> String {
        root + "/" + Self.keysFolderName + "/" + purpose.fileName
    }

    /// Whether this process owns the lake (it owns `lake.toml`): only the owner creates missing keys.
    var processOwnsLake: Bool {
        var info = stat()
        return stat(root + "/" + Self.configurationFileName, &info) == 0 && info.st_uid == geteuid()
    }

    /// The key for `purpose`, read once per process.
    /// - Throws: ``GovernanceError/keyUnavailable(path:reason:)`` when it is missing or unreadable.
    func key(_ purpose: LakeKeyPurpose) throws -> KeyedHasher {
        KeyedHasher(
            key: try keyRing.key(purpose) { try KeyFile.load(path: keyPath(purpose)) })
    }

    /// The audit key, or nil in a lake from before keyed audit whose owner has not opened it since.
    func auditKeyIfPresent() throws -> KeyedHasher? {
        KeyFile.exists(keyPath(.audit)) ? try key(.audit) : nil
    }

    /// Creates the keys a lake made by an older version lacks, when this process owns the lake, and then
    /// moves the lake onto them: the audit log's switch-over event (``appendAudit(_:roleName:action:target:details:)``)
    /// and the re-keying of old catalog pseudonyms (``rekeyLegacyPseudonyms()``).
    ///
    /// Called on every open; costs a few `stat`s once the keys exist and the checkpoint is written.
    func adoptKeys() throws {
        guard processOwnsLake else { return }
        var createdPseudonymKey = false
        for purpose in LakeKeyPurpose.allCases where !KeyFile.exists(keyPath(purpose)) {
            let created = try KeyFile.loadOrCreate(path: keyPath(purpose)).created
            if purpose == .pseudonym { createdPseudonymKey = createdPseudonymKey || created }
        }
        let adopting = !KeyFile.exists(auditHeadPath)
        if adopting {
            try catalog.write { tx in try switchToKeyedAudit(tx) }
        }
        if createdPseudonymKey || adopting { try rekeyLegacyPseudonyms() }
    }
}
