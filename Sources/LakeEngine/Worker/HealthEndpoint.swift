import NIOCore
import NIOHTTP1
import NIOPosix

/// Answers Kubernetes' probes for a long-running process over plain HTTP: `GET /healthz` is 200 while
/// the process serves requests at all (liveness), `GET /readyz` is 200 while `isReady` returns true and
/// 503 otherwise (readiness). Every other path is 404, every other method 405. Bodies are one word.
///
/// ```swift
/// let health = try await HealthEndpoint.start(host: "0.0.0.0", port: 9090) { !stopping.isRaised }
/// defer { Task { try await health.stop() } }
/// ```
///
/// It runs on one event-loop thread of its own, so copies that keep the cooperative pool busy never
/// delay an answer into a failed liveness probe.
public final class HealthEndpoint: Sendable {
    /// The port bound (the one the system chose when started with port 0).
    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    private init(port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.channel = channel
        self.group = group
    }

    /// Binds `host:port` and starts answering.
    /// - Throws: NIO's `IOError` when the address cannot be bound (in use, not ours).
    public static func start(
        host: String, port: Int, isReady: @escaping @Sendable () -> Bool
    ) async throws -> HealthEndpoint {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 16)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(ProbeHandler(isReady: isReady))
                    }
                }
                .bind(host: host, port: port).get()
            return HealthEndpoint(port: channel.localAddress?.port ?? port, channel: channel, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Stops answering and ends the event-loop thread.
    public func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}

// MARK: - Requests

/// Answers one request per connection, then closes it (probes open a connection each time).
private final class ProbeHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let isReady: @Sendable () -> Bool
    private var head: HTTPRequestHead?

    init(isReady: @escaping @Sendable () -> Bool) {
        self.isReady = isReady
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let (status, body) = answer(head)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
            headers.add(name: "Content-Length", value: String(body.utf8.count))
            headers.add(name: "Connection", value: "close")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                promise: nil)
            if head.method != .HEAD {
                let bytes = context.channel.allocator.buffer(string: body)
                context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
            }
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    private func answer(_ head: HTTPRequestHead) -> (HTTPResponseStatus, String) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        guard path == "/healthz" || path == "/readyz" else { return (.notFound, "not found\n") }
        guard head.method == .GET || head.method == .HEAD else { return (.methodNotAllowed, "method not allowed\n") }
        if path == "/readyz", !isReady() { return (.serviceUnavailable, "not ready\n") }
        return (.ok, "ok\n")
    }
}
