import NIOCore
import NIOHTTP1
import NIOPosix

/// Answers Kubernetes' probes for a long-running process over plain HTTP: `GET /healthz` is 200 while
/// the process serves requests at all (liveness), `GET /readyz` is 200 while `isReady` returns true and
/// 503 otherwise (readiness). Given a `metrics` exposition, `GET /metrics` returns it (Prometheus' text
/// format). Every other path is 404, every other method 405. Probe bodies are one word.
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
    /// - Parameter metrics: Returns the metrics in Prometheus' text exposition format, rendered at each
    ///   scrape; nil answers `/metrics` with 404.
    public static func start(
        host: String, port: Int, metrics: (@Sendable () -> String)? = nil, isReady: @escaping @Sendable () -> Bool
    ) async throws -> HealthEndpoint {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 16)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(ProbeHandler(isReady: isReady, metrics: metrics))
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
    private let metrics: (@Sendable () -> String)?
    private var head: HTTPRequestHead?

    init(isReady: @escaping @Sendable () -> Bool, metrics: (@Sendable () -> String)?) {
        self.isReady = isReady
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let (status, body, contentType) = answer(head)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: contentType)
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

    private static let plain = "text/plain; charset=utf-8"
    /// Prometheus' text exposition format, version 0.0.4.
    private static let exposition = "text/plain; version=0.0.4; charset=utf-8"

    private func answer(_ head: HTTPRequestHead) -> (HTTPResponseStatus, String, contentType: String) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let metrics = path == "/metrics" ? self.metrics : nil
        guard path == "/healthz" || path == "/readyz" || metrics != nil else {
            return (.notFound, "not found\n", Self.plain)
        }
        guard head.method == .GET || head.method == .HEAD else {
            return (.methodNotAllowed, "method not allowed\n", Self.plain)
        }
        if let metrics { return (.ok, metrics(), Self.exposition) }
        if path == "/readyz", !isReady() { return (.serviceUnavailable, "not ready\n", Self.plain) }
        return (.ok, "ok\n", Self.plain)
    }
}
