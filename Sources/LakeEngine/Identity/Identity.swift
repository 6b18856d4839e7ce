#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who a lake acts as: an operating-system user, or a service account's bearer token.
///
/// A user is taken from `getpwuid(geteuid())` (or, in the lake service, from the uid the kernel reports
/// for a socket peer) and nothing else: no flag or environment variable can make a process act as someone
/// else, so the audit log names who really ran each command. A token caller (``token(_:)``) is named
/// `token:NAME`, which no Unix login can be (a colon ends a name in the password database), so audit
/// events of its calls name the token.
public struct Identity: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The login name, or `token:NAME` for a token caller.
    public let user: String
    /// The numeric user id; ``tokenUID`` for a token caller.
    public let uid: UInt32
    /// The bearer token the caller presented; nil for a Unix user.
    public let token: TokenCredential?

    init(user: String, uid: UInt32, token: TokenCredential? = nil) {
        self.user = user
        self.uid = uid
        self.token = token
    }

    /// The uid of a token caller: `(uid_t)-1`, which the kernel never gives an account, so a token caller
    /// can never match a file owner or a user's uid.
    public static let tokenUID = UInt32.max

    /// The caller a valid bearer token stands for (see ``Lake/authenticate(bearer:now:)``).
    static func token(_ token: TokenCredential) -> Identity {
        Identity(user: TokenCredential.actorPrefix + token.name, uid: tokenUID, token: token)
    }

    /// The effective user of this process.
    public static func current() throws -> Identity {
        try user(uid: geteuid())
    }

    /// The user with id `uid`, named from the password database.
    ///
    /// The lake service calls it with the uid the kernel reports for a socket peer (`SO_PEERCRED`), so the
    /// name is whatever the system says for that uid, never something the peer sent.
    /// - Throws: ``LakeError/unknownUser(uid:)`` when no entry has that uid;
    ///   ``LakeError/system(operation:path:errno:)`` when the database cannot be read (a service out of file
    ///   descriptors gets `EMFILE` opening `/etc/passwd`: that is not "unknown user", and must not be
    ///   answered as one).
    public static func user(uid: UInt32) throws -> Identity {
        try user(uid: uid, buffer: 4096, bufferLimit: maximumEntrySize)
    }

    /// The largest password entry looked up (1 MiB): `getpwuid_r` answers `ERANGE` when an entry does not
    /// fit the buffer given (a long GECOS field), and the lookup retries with twice the buffer up to this.
    static let maximumEntrySize = 1 << 20

    /// ``user(uid:)`` starting with a `buffer`-byte buffer and giving up, with `ERANGE`, beyond
    /// `bufferLimit` bytes. Tests use small sizes to make a real lookup fail.
    static func user(uid: UInt32, buffer initial: Int, bufferLimit: Int) throws -> Identity {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: max(1, min(initial, bufferLimit)))
        // getpwuid_r, not getpwuid: the service looks users up from several threads at once. It returns 0
        // with no result when no entry matches (or ENOENT, ESRCH, EBADF, EPERM, which POSIX allows for that).
        var status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        while status == ERANGE, buffer.count < bufferLimit {
            buffer = [CChar](repeating: 0, count: min(buffer.count * 2, bufferLimit))
            status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        }
        if status != 0, ![ENOENT, ESRCH, EBADF, EPERM].contains(status) {
            throw LakeError.system(operation: "getpwuid_r", path: "uid \(uid)", errno: status)
        }
        guard status == 0, result != nil, let name = entry.pw_name else { throw LakeError.unknownUser(uid: uid) }
        return Identity(user: String(cString: name), uid: uid)
    }

    public var description: String { user }
}
