import Catalog
import DICOM
import Foundation
import Storage

extension Lake {
    /// The bytes of source member `member`, hashed while they are read (one pass over the file).
    ///
    /// Execution builds derived objects only from bytes read through here, so an object altered in place
    /// after ingest can never flow into a curated version (``manifest verify`` would call it corrupt).
    ///
    /// - Throws: ``GovernanceError/corruptSource(sha256:path:)`` when the bytes no longer have the
    ///   member's SHA-256; ``GovernanceError/unreadableObject(sha256:reason:)`` when the file cannot be read.
    func verifiedBytes(of member: VersionMember) throws -> [UInt8] {
        let (tier, digest, size) = try storedLocation(of: member)
        do {
            return try tier.readVerified(digest, size: size)
        } catch let error as StorageError where error.isHashMismatch {
            throw GovernanceError.corruptSource(sha256: member.entry.sha256, path: tier.path(of: digest))
        } catch {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: String(describing: error))
        }
    }

    /// Re-hashes a member that a new version reuses as it is (it is not read otherwise).
    ///
    /// - Throws: as ``verifiedBytes(of:)``.
    func verifyReused(_ member: VersionMember) throws {
        let (tier, digest, size) = try storedLocation(of: member)
        let actual: (digest: ObjectDigest, size: Int64)
        do {
            actual = try ContentHasher.digest(ofFileAt: tier.path(of: digest))
        } catch {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: String(describing: error))
        }
        guard actual.digest == digest, actual.size == size else {
            throw GovernanceError.corruptSource(sha256: member.entry.sha256, path: tier.path(of: digest))
        }
    }

    /// The DICOM file of a member, parsed from verified bytes; a damaged file is an error (it cannot be
    /// de-identified safely).
    func verifiedDICOM(_ member: VersionMember) throws -> DICOMFile {
        let bytes = try verifiedBytes(of: member)
        let file: DICOMFile
        do {
            file = try DICOMReader.parse(bytes)
        } catch {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: error.description)
        }
        if let error = file.error {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: error.description)
        }
        return file
    }

    /// The tier, digest and catalogued size of a member's object.
    private func storedLocation(of member: VersionMember) throws -> (FileSystemTier, ObjectDigest, Int64) {
        let object = try catalog.read { tx in try tx.object(id: member.objectId) }
        guard let object, let digest = ObjectDigest(hex: object.sha256) else {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: "not in the catalog")
        }
        return (try tier(named: object.tier), digest, object.size)
    }
}
