import AsyncHTTPClient
import NIOCore
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// A call that did not reach the lake service or got no usable answer (the engine's own refusals come
/// back as the engine's errors instead), or a remote lake that cannot be used as given.
public enum LakeClientError: Error, Sendable, CustomStringConvertible {
    /// Nothing answers on the socket (or at the URL): the service is stopped or was killed.
    case unreachable(socket: String, reason: String)
    /// The service closed the connection before answering: it stopped or was killed mid-call. Whether the
    /// call took effect is unknown; its audit event says.
    case connectionLost(socket: String)
    /// The service answered with a status and body this client does not understand.
    case unexpectedAnswer(socket: String, status: Int)
    /// TLS failed: the service's certificate does not chain to the trusted CA, or names another host.
    case untrusted(url: String, reason: String)
    /// A remote lake's URL that is not `https://HOST:PORT` (or `http://` on loopback).
    case invalidURL(String)
    /// A remote lake was named but no token was given.
    case missingToken(url: String)
    /// The token file gives group or others some access.
    case unsafeTokenFile(path: String, mode: UInt32)
    /// A token or CA file that cannot be read.
    case unreadableFile(path: String, errno: Int32)
    /// A staged file's URL answered with an error: a presigned URL that expired or was refused, a
    /// service path no longer allowed. `url` is without its query, which holds the signature.
    case objectRefused(url: String, status: Int, reason: String)

    public var description: String {
        switch self {
        case .unreachable(let socket, let reason):
            "the lake service is not running (\(socket): \(reason)); start it with `medlake serve` or its systemd unit"
        case .connectionLost(let socket):
            "the lake service closed the connection before answering (\(socket)): it stopped or was killed; "
                + "check `medlake audit list` for whether the call took effect, and restart the service"
        case .unexpectedAnswer(let socket, let status): "the lake service at \(socket) answered with status \(status)"
        case .untrusted(let url, let reason):
            "refusing \(url): its TLS certificate is not trusted (\(reason)); check the host in the URL and give "
                + "the CA that signed the certificate with --ca-file or MEDLAKE_CA_FILE"
        case .invalidURL(let url):
            "'\(url)' is not a lake service URL: use https://HOST:PORT (plain http only on 127.0.0.1 or [::1])"
        case .missingToken(let url): "\(url) needs a token: set MEDLAKE_TOKEN or give --token-file FILE"
        case .unsafeTokenFile(let path, let mode):
            "refusing token file \(path): its mode \(String(mode, radix: 8)) lets others read it; run chmod 600 \(path)"
        case .unreadableFile(let path, let errno): "cannot read \(path) (errno \(errno))"
        case .objectRefused(let url, let status, let reason):
            "\(url) answered with status \(status)" + (reason.isEmpty ? "" : " (\(reason))")
        }
    }

    /// The client failure `error` (from AsyncHTTPClient or NIO) stands for.
    init(_ error: any Error, socket: String) {
        switch error {
        case let error as HTTPClientError where error == .remoteConnectionClosed || error == .readTimeout:
            self = .connectionLost(socket: socket)
        case let error as IOError where error.errnoCode == ECONNRESET || error.errnoCode == EPIPE:
            self = .connectionLost(socket: socket)
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            self = .untrusted(url: socket, reason: Self.tlsReason(error))
        default:
            self = .unreachable(socket: socket, reason: String(describing: error))
        }
    }

    /// A TLS failure in words: BoringSSL's text names the library's source files, which say nothing to a user.
    private static func tlsReason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "certificate verify failed" }
        if text.contains("failedToValidateHostname") { return "the certificate does not name this host" }
        return text
    }
}
