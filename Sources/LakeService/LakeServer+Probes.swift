import Hummingbird
import LakeEngine
import NIOCore
import NIOPosix

/// `/healthz` and `/readyz`: the liveness and readiness probes of Kubernetes (or any load balancer), on the
/// Unix socket and over TCP, answered without a token.
///
/// Neither says anything about the lake beyond the status line: the body is `ok` or `unavailable`, never
/// the lake's path, catalog error or version, since anyone who reaches the port may ask.
/// - `/healthz` is 200 while the process serves requests: a probe that fails means restart it.
/// - `/readyz` is 200 only when the catalog opens and reads now (``Lake/probeCatalog()``, a connection of
///   its own on NIO's thread pool), else 503: a service whose volume went away gets no traffic.
extension LakeServer {
    func addProbeRoutes(to router: Router<PeerRequestContext>) {
        router.get("healthz") { _, _ in Self.probeResponse(.ok) }
        router.get("readyz") { _, _ in
            let lake = lake
            let ready = (try? await NIOThreadPool.singleton.runIfActive { try lake.probeCatalog() }) != nil
            return Self.probeResponse(ready ? .ok : .serviceUnavailable)
        }
    }

    /// A probe's answer: its status, and `ok` or `unavailable` as plain text.
    private static func probeResponse(_ status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: status == .ok ? "ok\n" : "unavailable\n")))
    }
}
