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

    /// The lake's de-identification key, created on first use (``Lake/create(at:)`` creates it up front).
    func deidentificationKey() throws -> DeidentificationKey {
        try DeidentificationKey.loadOrCreate(path: deidentificationKeyPath)
    }
}
