import AsyncHTTPClient
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// A call that did not reach the lake service or got no usable answer (the engine's own refusals come
/// back as the engine's errors instead).
public enum LakeClientError: Error, Sendable, CustomStringConvertible {
    /// Nothing answers on the socket: the service is stopped or was killed.
    case unreachable(socket: String, reason: String)
    /// The service closed the connection before answering: it stopped or was killed mid-call. Whether the
    /// call took effect is unknown; its audit event says.
    case connectionLost(socket: String)
    /// The service answered with a status and body this client does not understand.
    case unexpectedAnswer(socket: String, status: Int)

    public var description: String {
        switch self {
        case .unreachable(let socket, let reason):
            "the lake service is not running (\(socket): \(reason)); start it with `medlake serve` or its systemd unit"
        case .connectionLost(let socket):
            "the lake service closed the connection before answering (\(socket)): it stopped or was killed; "
                + "check `medlake audit list` for whether the call took effect, and restart the service"
        case .unexpectedAnswer(let socket, let status): "the lake service at \(socket) answered with status \(status)"
        }
    }

    /// The client failure `error` (from AsyncHTTPClient or NIO) stands for.
    init(_ error: any Error, socket: String) {
        switch error {
        case let error as HTTPClientError where error == .remoteConnectionClosed || error == .readTimeout:
            self = .connectionLost(socket: socket)
        case let error as IOError where error.errnoCode == ECONNRESET || error.errnoCode == EPIPE:
            self = .connectionLost(socket: socket)
        default:
            self = .unreachable(socket: socket, reason: String(describing: error))
        }
    }
}
