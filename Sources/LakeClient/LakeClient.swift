import AsyncHTTPClient
import Foundation
import LakeEngine
import NIOCore
import NIOFoundationCompat

/// ``LakeAPI`` over the lake service's Unix socket, or over TCP to a ``RemoteLake``: each call is one
/// HTTP/1.1 request to `medlake serve`.
///
/// On the socket the service names the caller from the peer credentials, so this type sends no identity
/// at all; to a remote lake it sends the bearer token (`Authorization: Bearer …`), over TLS. A failure the engine reported comes back as the engine's own typed error (rebuilt from the
/// problem details), so callers word it as they would in-process; a transport failure is a
/// ``LakeClientError``.
///
/// ```
/// let lake: any LakeAPI = LakeClient(socketPath: root + "/medlake.sock")
/// let page = try await lake.datasets(DatasetQuery(sort: .bytes, descending: true))
/// ```
public struct LakeClient: LakeAPI {
    /// The service's socket; empty for a remote lake.
    public let socketPath: String
    /// The remote lake, when the service is reached over TCP.
    public let remote: RemoteLake?
    let http: HTTPClient

    /// How long one call may take: generous, since an execution publishes a whole version. A service that
    /// dies closes the socket, which fails the call at once; this bounds only a service that hangs.
    static let callTimeout = TimeAmount.hours(2)

    public init(socketPath: String, http: HTTPClient = .shared) {
        self.socketPath = socketPath
        remote = nil
        self.http = http
    }

    /// A client of the service at `remote.url`, trusting `remote.caFile`.
    /// - Throws: ``LakeClientError/unreadableFile(path:errno:)`` for a CA file that is not PEM certificates.
    public init(remote: RemoteLake) throws {
        socketPath = ""
        self.remote = remote
        http = try remote.httpClient()
    }

    /// Where the service answers, for messages: the socket or the URL.
    var address: String { remote?.url ?? socketPath }

    // MARK: - Calls

    func get<Value: Decodable>(_ path: String, _ parameters: [(String, String)] = []) async throws -> Value {
        try await send(HTTPClientRequest(url: try url(path, parameters)))
    }

    func post<Value: Decodable>(_ path: String, _ body: some Encodable) async throws -> Value {
        var request = HTTPClientRequest(url: try url(path, []))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try Self.encoder.encode(body)))
        return try await send(request)
    }

    private func send<Value: Decodable>(_ request: HTTPClientRequest) async throws -> Value {
        let response = try await open(request)
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: 256 << 20)
        } catch {
            throw LakeClientError(error, socket: address)
        }
        return try Self.decoder.decode(Value.self, from: body)
    }

    /// Sends `request` (with the token, to a remote lake) and returns the `200 OK` response, its body not
    /// read yet; any other answer throws the engine's error from its problem details.
    func open(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        var request = request
        if let remote { request.headers.add(name: "Authorization", value: "Bearer " + remote.token) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: Self.callTimeout)
        } catch {
            throw LakeClientError(error, socket: address)
        }
        if response.status == .ok { return response }
        let body = try? await response.body.collect(upTo: 1 << 20)
        if response.headers.first(name: "Content-Type") == "application/problem+json", let body,
            let problem = try? Self.decoder.decode(ProblemDetails.self, from: body)
        {
            throw problem.failure.error
        }
        throw LakeClientError.unexpectedAnswer(socket: address, status: Int(response.status.code))
    }

    func url(_ path: String, _ parameters: [(String, String)]) throws -> String {
        let query = parameters.map { "\(Self.escaped($0))=\(Self.escaped($1))" }.joined(separator: "&")
        let uri = "/v1/" + path + (query.isEmpty ? "" : "?" + query)
        if let remote { return remote.url + uri }
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: uri) else {
            throw LakeClientError.unreachable(socket: socketPath, reason: "the socket path cannot form a URL")
        }
        return url.absoluteString
    }

    /// `text` as one path segment.
    static func escapedSegment(_ text: String) -> String { escaped(text) }

    /// `text` with everything but RFC 3986 unreserved characters percent-encoded (`&`, `=`, `+` included).
    private static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
