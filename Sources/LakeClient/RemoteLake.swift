import AsyncHTTPClient
import Foundation
import NIOSSL
import Synchronization

/// A lake service reached over TCP: its URL, the bearer token to present and the CA to trust.
///
/// The token comes from `$MEDLAKE_TOKEN` or from a file (`--token-file`), which must not be readable by
/// group or others: a token is a password. `https` is required unless the host is a loopback address;
/// the service's certificate must chain to the given CA file (`--ca-file`, `$MEDLAKE_CA_FILE`), else to
/// the system's trust store.
///
/// ```
/// let remote = try RemoteLake(url: "https://lake.example:8443", token: secret, caFile: "/etc/medlake/ca.pem")
/// let lake: any LakeAPI = try LakeClient(remote: remote)
/// ```
public struct RemoteLake: Sendable, Hashable {
    /// `https://host:port` (or `http://127.0.0.1:port`), without a trailing slash.
    public let url: String
    public let token: String
    public let caFile: String?

    /// - Throws: ``LakeClientError/invalidURL(_:)`` for another scheme, a path, or plain `http` off loopback.
    public init(url: String, token: String, caFile: String?) throws {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme, let host = parsed.host,
            parsed.path.isEmpty, parsed.query == nil, scheme == "https" || (scheme == "http" && Self.isLoopback(host))
        else { throw LakeClientError.invalidURL(url) }
        self.url = url
        self.token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        self.caFile = caFile
    }

    /// True when `text` names a remote lake (`http://` or `https://`) rather than a lake folder.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("https://") || text.hasPrefix("http://")
    }

    /// The token in `path`, refusing a file that group or others may read or write.
    /// - Throws: ``LakeClientError/unsafeTokenFile(path:mode:)``, ``LakeClientError/unreadableFile(path:errno:)``.
    public static func token(fromFile path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LakeClientError.unreadableFile(path: path, errno: errno) }
        let mode = UInt32(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else { throw LakeClientError.unsafeTokenFile(path: path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LakeClientError.unreadableFile(path: path, errno: EACCES)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `127.0.0.0/8` and `::1` (as the service decides where plain TCP is allowed).
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        return bare == "::1"
    }

    // MARK: - HTTP clients

    /// The HTTP client trusting `caFile` (else the system's trust store): one per CA for the whole
    /// process, never shut down (like `HTTPClient.shared`), since a client must be shut down before it is
    /// released.
    ///
    /// It does not retry a failed connection: a command makes its call while a person waits, so an
    /// untrusted certificate or a stopped service is reported at once, not after the connect timeout.
    func httpClient() throws -> HTTPClient {
        try Self.clients.withLock { clients in
            if let client = clients[caFile ?? ""] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            if let caFile {
                do {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
                } catch {
                    throw LakeClientError.unreadableFile(path: caFile, errno: EINVAL)
                }
            }
            tls.minimumTLSVersion = .tlsv12
            var configuration = HTTPClient.Configuration()
            configuration.tlsConfiguration = tls
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[caFile ?? ""] = client
            return client
        }
    }

    /// The clients by CA file (`""`: the system's trust store).
    private static let clients = Mutex<[String: HTTPClient]>([:])
}
