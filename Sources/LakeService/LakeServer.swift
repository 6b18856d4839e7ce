import Foundation
import Hummingbird
import LakeEngine
import Logging
import NIOCore
import NIOPosix

/// Serves ``LakeAPI`` as JSON over HTTP/1.1 on the lake's Unix socket (`LAKE/medlake.sock`).
///
/// The socket is connectable by anyone (mode 0666): authorization is the engine's, applied to the
/// caller the kernel names for each connection (``PeerCredentials``), never to anything the caller
/// sends. Each request runs the engine as that user (``Lake/acting(as:)``) on NIO's thread pool, since
/// engine calls block on the catalog. Failures answer as RFC 9457 problem details (``ProblemDetails``).
///
/// ```
/// let server = LakeServer(lake: try Lake.open(at: root))
/// try await server.run(logger: logger) { print("Serving \(root)") }
/// ```
public struct LakeServer: Sendable {
    /// The lake opened as the service's own account; requests act through ``Lake/acting(as:)``.
    let lake: Lake
    /// The lake requests act on: `lake`, then the lake reopened after each role change (``CurrentLake``).
    let current: CurrentLake
    /// Where the socket is bound.
    public let socketPath: String

    public init(lake: Lake) {
        self.lake = lake
        current = CurrentLake(lake)
        socketPath = lake.root + "/" + Lake.serviceSocketFileName
    }

    /// Binds the socket and serves until SIGTERM or SIGINT; `onReady` runs once the socket accepts
    /// connections from anyone.
    ///
    /// A socket file left by a service that died is replaced; one that still answers is not.
    /// - Throws: ``LakeServiceError/alreadyServed(socket:)``, ``LakeServiceError/system(operation:path:errno:)``.
    public func run(logger: Logger, onReady: @escaping @Sendable () -> Void) async throws {
        try removeStaleSocket()
        let router = Router(context: PeerRequestContext.self)
        addRoutes(to: router)
        let path = socketPath
        let app = Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: path), serverName: "medlake"),
            onServerRunning: { _ in
                // Bound with the process umask; open it to every local user, who are then told apart by
                // their credentials.
                if chmod(path, 0o666) != 0 {
                    logger.error("cannot open the socket to every user", metadata: ["socket.errno": "\(errno)"])
                }
                onReady()
            },
            logger: logger)
        try await app.runService()
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
