#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system user a process acts as.
///
/// Taken from `getpwuid(geteuid())` and nothing else: no flag or environment variable can make a process
/// act as someone else, so the audit log names who really ran each command.
public struct Identity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The login name.
    public let user: String
    /// The numeric user id.
    public let uid: UInt32

    init(user: String, uid: UInt32) {
        self.user = user
        self.uid = uid
    }

    /// The effective user of this process.
    public static func current() throws -> Identity {
        let uid = geteuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else {
            throw LakeError.unknownUser(uid: uid)
        }
        return Identity(user: String(cString: name), uid: uid)
    }

    public var description: String { user }
}
