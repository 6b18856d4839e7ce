import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder on the way to a path that a given user may not search (no `x` bit for them), which makes
/// everything below it unreachable for that user whatever the modes further down.
///
/// Used before the sample lake acts as its second identity: a clone under a private folder (a home
/// directory, `mktemp -d`, both 0700) is out of that user's reach, and the setup says so by name
/// instead of reporting a failed request. The check reads owner, group and mode bits only (no ACLs),
/// and takes the user's primary group as their only group — true of the system user it is asked about.
struct SearchBarrier: Equatable, CustomStringConvertible {
    let folder: String
    let mode: mode_t

    /// The first folder from `/` down to `path` (included, when it is a folder) that the user with
    /// `uid` and primary group `gid` may not search, or nil when every one is searchable.
    static func first(on path: String, uid: uid_t, gid: gid_t) -> SearchBarrier? {
        guard uid != 0 else { return nil }
        var prefix = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        for folder in ["/"] + components.map({ component -> String in
            prefix += "/" + component
            return prefix
        }) {
            var info = stat()
            guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            let bit: mode_t = info.st_uid == uid ? 0o100 : info.st_gid == gid ? 0o010 : 0o001
            if info.st_mode & bit == 0 { return SearchBarrier(folder: folder, mode: info.st_mode & 0o7777) }
        }
        return nil
    }

    var description: String { "\(folder) is mode " + String(format: "%04o", UInt32(mode)) }
}
