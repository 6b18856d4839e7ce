import AsyncHTTPClient
import Foundation
import LakeEngine
import NIOCore
import NIOFoundationCompat

/// ``LakeAPI`` over the lake service's Unix socket: each call is one HTTP/1.1 request to `medlake serve`.
///
/// The service names the caller from the socket's peer credentials, so this type sends no identity at
/// all. A failure the engine reported comes back as the engine's own typed error (rebuilt from the
/// problem details), so callers word it as they would in-process; a transport failure is a
/// ``LakeClientError``.
///
/// ```
/// let lake: any LakeAPI = LakeClient(socketPath: root + "/medlake.sock")
/// let page = try await lake.datasets(DatasetQuery(sort: .bytes, descending: true))
/// ```
public struct LakeClient: LakeAPI {
    /// The service's socket.
    public let socketPath: String
    let http: HTTPClient

    /// How long one call may take: generous, since an execution publishes a whole version. A service that
    /// dies closes the socket, which fails the call at once; this bounds only a service that hangs.
    static let callTimeout = TimeAmount.hours(2)

    public init(socketPath: String, http: HTTPClient = .shared) {
        self.socketPath = socketPath
        self.http = http
    }

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
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: Self.callTimeout)
            body = try await response.body.collect(upTo: 256 << 20)
        } catch {
            throw LakeClientError(error, socket: socketPath)
        }
        if response.status == .ok { return try Self.decoder.decode(Value.self, from: body) }
        if response.headers.first(name: "Content-Type") == "application/problem+json",
            let problem = try? Self.decoder.decode(ProblemDetails.self, from: body)
        {
            throw problem.failure.error
        }
        throw LakeClientError.unexpectedAnswer(socket: socketPath, status: Int(response.status.code))
    }

    private func url(_ path: String, _ parameters: [(String, String)]) throws -> String {
        let query = parameters.map { "\(Self.escaped($0))=\(Self.escaped($1))" }.joined(separator: "&")
        let uri = "/v1/" + path + (query.isEmpty ? "" : "?" + query)
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: uri) else {
            throw LakeClientError.unreachable(socket: socketPath, reason: "the socket path cannot form a URL")
        }
        return url.absoluteString
    }

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

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
