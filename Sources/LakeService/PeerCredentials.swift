import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The process at the other end of an accepted Unix socket, as the kernel reports it (`SO_PEERCRED`).
///
/// The kernel records the peer's credentials when it connects; nothing the peer sends afterwards (a
/// header, a variable, a file) can change them, so they are the only identity the service believes.
struct PeerCredentials: Sendable, Hashable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    /// Reads the credentials of `channel`'s peer.
    /// - Throws: ``LakeServiceError/noPeerCredentials`` when the channel is not a Unix socket (Linux answers
    ///   `SO_PEERCRED` on a TCP socket too, with pid 0 and uid -1: never a caller to believe).
    static func of(_ channel: any Channel) async throws -> PeerCredentials {
        guard case .unixDomainSocket = channel.localAddress, let provider = channel as? any SocketOptionProvider
        else { throw LakeServiceError.noPeerCredentials }
        #if os(Linux)
        let credentials: KernelCredentials = try await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).get()
        return PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
        #else
        throw LakeServiceError.noPeerCredentials
        #endif
    }
}

/// The layout of Linux's `struct ucred` (`<sys/socket.h>`: pid, uid, gid), which Swift's Glibc module
/// does not export (C sees it only under `_GNU_SOURCE`). Its size is what `getsockopt` is given.
private struct KernelCredentials: Sendable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32
}
