import Hummingbird
import NIOCore

/// The request context of the lake service: Hummingbird's core storage plus the accepted channel, whose
/// peer credentials name the caller (see ``PeerCredentials``).
struct PeerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The caller's credentials, from the kernel.
    func peer() async throws -> PeerCredentials {
        try await PeerCredentials.of(channel)
    }
}
