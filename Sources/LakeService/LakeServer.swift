import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import LakeEngine
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Serves ``LakeAPI`` as JSON over HTTP/1.1 on the lake's Unix socket (`LAKE/medlake.sock`) and, when
/// given a ``TCPListener``, over TCP (with TLS off loopback) for other hosts and pods.
///
/// The socket is connectable by anyone (mode 0666): authorization is the engine's, applied to the
/// caller the kernel names for each connection (``PeerCredentials``), never to anything the caller
/// sends. Over TCP the caller is the service account of the bearer token it presents
/// (``Lake/authenticate(bearer:now:)``), holding exactly the token's role. Each request runs the engine
/// as its caller (``Lake/acting(as:)``) on NIO's thread pool, since engine calls block on the catalog.
/// Failures answer as RFC 9457 problem details (``ProblemDetails``).
///
/// ```
/// let server = LakeServer(lake: try Lake.open(at: root), tcp: try TCPListener(address: "127.0.0.1:0", tls: nil))
/// try await server.run(logger: logger) { listening in print("Serving \(root) on \(listening)") }
/// ```
public struct LakeServer: Sendable {
    /// The lake opened as the service's own account; requests act through ``Lake/acting(as:)``.
    let lake: Lake
    /// The lake requests act on: `lake`, then the lake reopened after each role change (``CurrentLake``).
    let current: CurrentLake
    /// Where the socket is bound.
    public let socketPath: String
    /// The TCP address served beside the socket, if any.
    public let tcp: TCPListener?
    /// Remote stagings allowed and not yet expired (``StageGrant``).
    let stageGrants = StageGrants()

    public init(lake: Lake, tcp: TCPListener? = nil) {
        self.lake = lake
        current = CurrentLake(lake)
        socketPath = lake.root + "/" + Lake.serviceSocketFileName
        self.tcp = tcp
    }

    /// Binds the socket (and the TCP address) and serves until SIGTERM or SIGINT; `onReady` runs once
    /// everything accepts connections, with the TCP address's URL (its real port when 0 was asked).
    ///
    /// Each listener holds at most ``OpenFileLimit/connections(listeners:)`` connections open at once;
    /// more callers wait in the listen backlog until one closes, rather than the service running out of
    /// file descriptors.
    ///
    /// A socket file left by a service that died is replaced; one that still answers is not.
    /// - Throws: ``LakeServiceError/alreadyServed(socket:)``, ``LakeServiceError/system(operation:path:errno:)``,
    ///   ``LakeServiceError/unusableTLSFile(path:reason:)``.
    public func run(logger: Logger, onReady: @escaping @Sendable (_ tcpURL: String?) -> Void) async throws {
        try removeStaleSocket()
        let router = Router(context: PeerRequestContext.self)
        router.add(middleware: AuthorizationMiddleware())
        addProbeRoutes(to: router)
        addRoutes(to: router)
        addIngestRoutes(to: router)
        addWorkerRoutes(to: router)
        let path = socketPath
        // Each listener reports once it is bound (the TCP one with its URL); the last one calls `onReady`.
        let pending = Mutex((listeners: tcp == nil ? 1 : 2, url: String?.none))
        let ready: @Sendable (String?) -> Void = { url in
            let (remaining, tcpURL) = pending.withLock { state in
                state.listeners -= 1
                if let url { state.url = url }
                return (state.listeners, state.url)
            }
            if remaining == 0 { onReady(tcpURL) }
        }
        let connections = OpenFileLimit.connections(listeners: tcp == nil ? 1 : 2)
        let tcpApplications = try tcp.map {
            [try tcpApplication($0, router: router, connections: connections, logger: logger, onReady: ready)]
        } ?? []
        let app = Application(
            router: router,
            configuration: .init(
                address: .unixDomainSocket(path: path), serverName: "medlake",
                availableConnectionsDelegate: MaximumAvailableConnections(connections, logger: logger)),
            services: tcpApplications,
            onServerRunning: { _ in
                // Bound with the process umask; open it to every local user, who are then told apart by
                // their credentials.
                if chmod(path, 0o666) != 0 {
                    logger.error("cannot open the socket to every user", metadata: ["socket.errno": "\(errno)"])
                }
                ready(nil)
            },
            logger: logger)
        try await app.runService()
    }

    /// The TCP side: the same routes, with TLS when the listener has its files.
    private func tcpApplication(
        _ tcp: TCPListener, router: Router<PeerRequestContext>, connections: Int, logger: Logger,
        onReady: @escaping @Sendable (String?) -> Void
    ) throws -> Application<RouterResponder<PeerRequestContext>> {
        let tlsConfiguration = try tcp.serverTLSConfiguration()
        let server: HTTPServerBuilder = try tlsConfiguration.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1()
        let scheme = tlsConfiguration == nil ? "http" : "https"
        let host = tcp.host.contains(":") ? "[\(tcp.host)]" : tcp.host
        return Application(
            router: router, server: server,
            configuration: .init(
                address: .hostname(tcp.host, port: tcp.port), serverName: "medlake",
                availableConnectionsDelegate: MaximumAvailableConnections(connections, logger: logger)),
            onServerRunning: { channel in
                onReady("\(scheme)://\(host):\(channel.localAddress?.port ?? tcp.port)")
            },
            logger: logger)
    }

    /// Unlinks a socket file nobody answers on (its service died); refuses when one answers.
    private func removeStaleSocket() throws {
        guard FileManager.default.fileExists(atPath: socketPath) else { return }
        if UnixSocketProbe.answers(socketPath) { throw LakeServiceError.alreadyServed(socket: socketPath) }
        guard unlink(socketPath) == 0 else {
            throw LakeServiceError.system(operation: "unlink", path: socketPath, errno: errno)
        }
    }
}
