import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// The key file's path: `[governance] key_file`, relative to the lake folder unless absolute.
    var deidentificationKeyPath: String {
        let file = configuration.governance.keyFile
        return file.hasPrefix("/") ? file : root + "/" + file
    }

    /// The lake's de-identification key, created on first use (``Lake/create(at:group:)`` creates it up
    /// front) and shared read-only with the key group: `[governance] key_group`, else `[lake] group`.
    func deidentificationKey() throws -> DeidentificationKey {
        let name = configuration.governance.keyGroup ?? configuration.group
        var group: gid_t?
        if let name {
            guard let entry = getgrnam(name) else { throw LakeError.unknownGroup(name) }
            group = entry.pointee.gr_gid
        }
        return try DeidentificationKey.loadOrCreate(path: deidentificationKeyPath, group: group)
    }
}
