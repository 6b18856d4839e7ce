import AsyncHTTPClient
import Foundation
import NIOCore

/// HTTP GETs to a DICOM server (Orthanc REST or DICOMweb) with basic authentication and retries.
///
/// 5xx answers and lost connections are retried up to three times with a doubling wait; other errors
/// are thrown at once as ``RemoteSourceError``. Answers are read whole, up to ``maximumBody``.
///
/// Thread-safety: immutable; share between tasks.
final class DICOMServerClient: Sendable {
    /// The server's base URL without a trailing slash (`http://127.0.0.1:8042`).
    let baseURL: String
    private let authorization: String?
    private let http: HTTPClient
    static let maximumBody = 1 << 30
    static let attempts = 3

    /// - Throws: ``RemoteSourceError`` for a URL that is not `http(s)://…` or that carries credentials.
    init(baseURL: String, credentials: RemoteCredentials?, http: HTTPClient = .shared) throws {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
            parsed.host != nil
        else {
            throw RemoteSourceError(url: baseURL, message: "expected an http:// or https:// URL")
        }
        guard parsed.user == nil, parsed.password == nil else {
            throw RemoteSourceError(
                url: "\(scheme)://…", message: "put credentials in the environment or a netrc file, not in the URL")
        }
        self.baseURL = url
        self.authorization = credentials?.basicAuthorization
        self.http = http
    }

    /// The host name, for looking up netrc entries.
    static func host(of url: String) -> String? { URL(string: url)?.host }

    /// GETs `path` (appended to the base URL) and returns the content type and the body.
    func get(_ path: String, accept: String? = nil) async throws -> (contentType: String?, body: [UInt8]) {
        let url = baseURL + path
        var attempt = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: url)
            if let authorization { request.headers.add(name: "authorization", value: authorization) }
            if let accept { request.headers.add(name: "accept", value: accept) }
            do {
                let response = try await http.execute(request, timeout: .seconds(300))
                let status = Int(response.status.code)
                let body = try await response.body.collect(upTo: Self.maximumBody)
                if (200..<300).contains(status) {
                    return (response.headers.first(name: "content-type"), Array(buffer: body))
                }
                if status >= 500, attempt < Self.attempts {
                    try await Task.sleep(for: .milliseconds(200 << attempt))
                    continue
                }
                throw RemoteSourceError(url: url, status: status, message: "the request failed")
            } catch let error as RemoteSourceError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if attempt < Self.attempts {
                    try await Task.sleep(for: .milliseconds(200 << attempt))
                    continue
                }
                throw RemoteSourceError(url: url, message: "no answer (\(String(describing: error).prefix(200)))")
            }
        }
    }

    /// GETs `path` and decodes its JSON body as `type`.
    func getJSON<Value: Decodable>(_ path: String, as type: Value.Type) async throws -> Value {
        let (_, body) = try await get(path, accept: "application/json")
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw RemoteSourceError(url: baseURL + path, message: "the answer is not the expected JSON")
        }
    }
}
