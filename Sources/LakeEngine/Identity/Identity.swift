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
        try user(uid: geteuid())
    }

    /// The user with id `uid`, named from the password database.
    ///
    /// The lake service calls it with the uid the kernel reports for a socket peer (`SO_PEERCRED`), so the
    /// name is whatever the system says for that uid, never something the peer sent.
    /// - Throws: ``LakeError/unknownUser(uid:)`` when no entry has that uid.
    public static func user(uid: UInt32) throws -> Identity {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        // getpwuid_r, not getpwuid: the service looks users up from several threads at once.
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name
        else { throw LakeError.unknownUser(uid: uid) }
        return Identity(user: String(cString: name), uid: uid)
    }

    public var description: String { user }
}
