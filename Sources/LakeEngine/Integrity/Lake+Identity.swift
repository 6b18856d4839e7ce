import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lake's id: a UUID kept twice, in the lake folder's `lake.id` file and in the catalog's
/// `lakeIdentity` row, and compared every time the lake opens. A catalog restored from the wrong lake, or
/// a fresh empty one, no longer passes for this lake's.
extension Lake {
    /// The file holding the lake's id, beside `lake.toml`.
    public static let identityFileName = "lake.id"

    // MARK: - Catalog file

    /// Refuses a catalog file that is missing or empty (0 bytes with no write-ahead log holding pages),
    /// before SQLite would silently create a new, empty catalog in its place, unless the lake was never
    /// used (``isUnused(root:configuration:)``): then its first command creates the catalog.
    static func requireCatalogFile(root: String, configuration: LakeConfiguration) throws {
        do {
            try requireCatalogFile(root: root)
        } catch let error as LakeIntegrityError {
            guard try isUnused(root: root, configuration: configuration) else { throw error }
        }
    }

    /// ``requireCatalogFile(root:configuration:)`` without the exception for unused lakes.
    static func requireCatalogFile(root: String) throws {
        let path = root + "/" + catalogFileName
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw LakeIntegrityError.catalogMissing(path: path) }
            throw LakeError.system(operation: "stat", path: path, errno: errno)
        }
        guard info.st_size == 0 else { return }
        // A catalog whose pages all wait in the WAL (never checkpointed) has a 0-byte main file.
        var wal = stat()
        if stat(path + "-wal", &wal) != 0 || wal.st_size == 0 { throw LakeIntegrityError.catalogEmpty(path: path) }
    }

    /// True for a lake folder nobody has used yet: no `lake.id` (a catalog was never opened with this
    /// version) and no object in any folder tier (nothing was ever stored), such as the committed
    /// `SampleLake/` of a fresh clone. Its missing catalog hides no data, so creating one loses nothing.
    static func isUnused(root: String, configuration: LakeConfiguration) throws -> Bool {
        guard try readIdentityFile(root + "/" + identityFileName) == nil else { return false }
        for tier in configuration.tiers.values where tier.s3 == nil {
            let path = tier.path.hasPrefix("/") ? tier.path : root + "/" + tier.path
            if try !FileSystemTier(name: tier.name, root: path).holdsNoObjects() { return false }
        }
        return true
    }

    // MARK: - Binding the catalog to the folder

    /// Returns the lake's id after checking that the catalog and `lake.id` name the same lake.
    ///
    /// A lake made by a version without ids has neither: its id is created here (the file first, with
    /// O_EXCL, so two processes upgrading at once agree on the winner's id) and recorded in the catalog.
    /// `catalogName` names the catalog in errors (its file, or its PostgreSQL URL).
    static func bindIdentity(root: String, catalog: CatalogStore, catalogName: String) throws -> String {
        let filePath = root + "/" + identityFileName
        let stored = try catalog.read { tx in try tx.lakeIdentity() }
        let file = try readIdentityFile(filePath)
        switch (stored, file) {
        case let (stored?, file?):
            guard stored == file else {
                throw LakeIntegrityError.catalogOfAnotherLake(
                    path: catalogName, catalogLake: stored, lake: file)
            }
            return stored
        case let (stored?, nil):
            throw LakeIntegrityError.lakeIdentityMissing(path: filePath, catalogLake: stored)
        case let (nil, file?):
            throw LakeIntegrityError.catalogOfAnotherLake(path: catalogName, catalogLake: nil, lake: file)
        case (nil, nil):
            let id = try createIdentityFile(root: root, id: UUID().uuidString.lowercased())
            return try catalog.write { tx in
                if let stored = try tx.lakeIdentity() {
                    guard stored == id else {
                        throw LakeIntegrityError.catalogOfAnotherLake(
                            path: catalogName, catalogLake: stored, lake: id)
                    }
                    return stored
                }
                try tx.recordLakeIdentity(id)
                return id
            }
        }
    }

    /// The id in `lake.id`, nil when the file does not exist.
    static func readIdentityFile(_ path: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if access(path, F_OK) != 0, errno == ENOENT { return nil }
            throw LakeError.system(operation: "read", path: path, errno: errno)
        }
        let id = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { throw LakeError.invalidArgument("\(path) is empty; it should hold the lake's id") }
        return id
    }

    /// Writes `lake.id` (0400, durably) unless it exists; returns the id the file
    /// then holds.
    static func createIdentityFile(root: String, id: String) throws -> String {
        let path = root + "/" + identityFileName
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o400)
        guard descriptor >= 0 else {
            guard errno == EEXIST, let existing = try readIdentityFile(path) else {
                throw LakeError.system(operation: "create", path: path, errno: errno)
            }
            return existing
        }
        defer { close(descriptor) }
        let bytes = Array((id + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fchmod(descriptor, 0o400) == 0, fsync(descriptor) == 0 else {
            unlink(path)
            throw LakeError.system(operation: "write", path: path, errno: errno)
        }
        return id
    }
}
