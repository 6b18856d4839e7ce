import Hummingbird
import NIOCore

/// The request context of the lake service: Hummingbird's core storage plus the accepted channel, whose
/// peer credentials name a Unix-socket caller (see ``PeerCredentials``), and the `Authorization` header,
/// whose bearer token names a TCP caller.
struct PeerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel
    /// The request's `Authorization` header (set by ``AuthorizationMiddleware``).
    var authorization: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// True when the request came over the lake's Unix socket.
    var isUnixSocket: Bool {
        if case .unixDomainSocket = channel.localAddress { return true }
        return false
    }

    /// The caller's credentials, from the kernel.
    func peer() async throws -> PeerCredentials {
        try await PeerCredentials.of(channel)
    }
}
