import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#endif

extension CatalogStore {
    /// SQLite's file header, the first 16 bytes of every database file.
    static let fileHeader = Array("SQLite format 3\0".utf8)

    /// Opens the catalog at `path` afresh and reads it: proof that the file is there, readable by this
    /// process and a SQLite database, as a readiness probe needs it.
    ///
    /// The store's own pool would not tell: its connections stay open on a file that was replaced,
    /// unmounted or made unreadable since, and SQLite may even reuse their descriptors for a new
    /// connection to the same file. So the file is first opened and its header read with plain system
    /// calls (a main file still empty, its pages all in the write-ahead log, has no header yet), then read
    /// through a new read-only SQLite connection, which never creates, migrates or writes anything and
    /// closes before this returns.
    /// - Throws: ``CatalogError/database(path:resultCode:message:)`` when the catalog does not open or read.
    public static func probe(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CatalogError.database(
                path: path, resultCode: ResultCode.SQLITE_CANTOPEN.rawValue, message: "cannot open: " + String(cString: strerror(errno)))
        }
        var header = [UInt8](repeating: 0, count: fileHeader.count)
        let count = header.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard count == 0 || header.elementsEqual(fileHeader) else {
            throw CatalogError.database(path: path, resultCode: ResultCode.SQLITE_NOTADB.rawValue, message: "not a SQLite database")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(1)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch let error as DatabaseError {
            throw CatalogError.database(
                path: path, resultCode: error.resultCode.rawValue,
                message: error.message ?? "SQLite error \(error.resultCode)")
        }
    }
}
