import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One in-flight file in a tier's `tmp` folder.
public struct TemporaryFileInfo: Sendable, Hashable {
    /// The file's name in the `tmp` folder.
    public var name: String
    public var path: String
    public var size: Int64
    /// Seconds since 1970 of the last write.
    public var modified: Double
    /// The writer recorded in the name, when there is one.
    public var stamp: ProcessStamp?

    /// Describes the file at `path` as it is now; nil when it is gone.
    public init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let name = String(path.split(separator: "/").last ?? "")
        self.name = name
        self.path = path
        size = Int64(info.st_size)
        modified = Double(info.st_mtim.tv_sec)
        stamp = ProcessStamp(fileName: name)
    }

    /// The writer's owner tag from the name (`job12`, `remote`), or "" for files without one.
    public var owner: String {
        guard name.hasPrefix("object-") else { return "" }
        let rest = name.dropFirst("object-".count).split(separator: "-", omittingEmptySubsequences: false)
        guard let first = rest.first, !(first.first == "p" && first.dropFirst().allSatisfy(\.isNumber)) else { return "" }
        return String(first)
    }

    /// True when the file is garbage beyond doubt: its writer is dead (``ProcessStamp/writerIsDead``), or
    /// it carries no stamp and was last written more than `unstampedAge` seconds ago.
    public func isGarbage(unstampedAge: Double, now: Double = Date().timeIntervalSince1970) -> Bool {
        if let stamp { return stamp.writerIsDead }
        return modified < now - unstampedAge
    }
}

extension FileSystemTier {
    /// The in-flight files in the tier's `tmp` folder (`object-….partial`); none when the folder is missing.
    public func temporaryFiles() throws -> [TemporaryFileInfo] {
        try Self.entries(of: temporaryFolder).compactMap { name in
            guard name.hasPrefix("object-"), name.hasSuffix(".partial") else { return nil }
            return TemporaryFileInfo(path: temporaryFolder + "/" + name)
        }
    }

    /// Removes in-flight files left by writers that are gone (``TemporaryFileInfo/isGarbage(unstampedAge:now:)``),
    /// except those `keep` claims (a migration job's staged copies, which the job's next worker removes and
    /// counts). Files of a writer still running, or that might be, stay. Returns the files removed.
    @discardableResult
    public func sweepTemporaries(
        unstampedOlderThan age: TimeInterval, keep: (TemporaryFileInfo) -> Bool = { _ in false }
    ) throws -> [TemporaryFileInfo] {
        var removed: [TemporaryFileInfo] = []
        let now = Date().timeIntervalSince1970
        for file in try temporaryFiles() where file.isGarbage(unstampedAge: age, now: now) && !keep(file) {
            if unlink(file.path) == 0 {
                removed.append(file)
            } else if errno != ENOENT {
                throw StorageError(operation: "unlink", path: file.path, errno: errno)
            }
        }
        return removed
    }
}
