import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Storage

/// HTTP GETs to a DICOM server (Orthanc REST or DICOMweb) with basic authentication and retries.
///
/// 5xx answers and lost connections are retried up to three times with a doubling wait; other errors
/// are thrown at once as ``RemoteSourceError``. JSON answers are read whole, up to ``maximumBody``;
/// instances are kept in memory only up to a spool threshold and streamed to a file beyond it.
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

    /// GETs `path` (appended to the base URL) and returns the answer's headers and its whole body (JSON
    /// results; instances go through ``fetch(_:accept:spoolFolder:spoolThreshold:)``).
    func get(_ path: String, accept: String? = nil) async throws -> (headers: HTTPHeaders, body: [UInt8]) {
        let (headers, body) = try await fetch(path, accept: accept, spoolFolder: nil, spoolThreshold: Self.maximumBody)
        guard case .memory(let bytes) = body else {
            body.remove()
            throw RemoteSourceError(url: baseURL + path, message: "the answer is larger than \(Self.maximumBody) bytes")
        }
        return (headers, bytes)
    }

    /// GETs `path` and streams the body: kept in memory up to `spoolThreshold` bytes, written on to a new
    /// file in `spoolFolder` beyond that (nil: refused beyond it), so memory stays bounded however large the
    /// answer. A transfer cut short removes its file and is retried like a refused connection.
    func fetch(
        _ path: String, accept: String? = nil, spoolFolder: String?, spoolThreshold: Int
    ) async throws -> (headers: HTTPHeaders, body: RemoteBody) {
        let url = baseURL + path
        var attempt = 0
        while true {
            attempt += 1
            var request = HTTPClientRequest(url: url)
            if let authorization { request.headers.add(name: "authorization", value: authorization) }
            if let accept { request.headers.add(name: "accept", value: accept) }
            // Uncompressed: instances (mostly pixel data) gain little over loopback or a LAN, and the shared
            // client refuses answers that inflate past its ratio limit.
            request.headers.add(name: "accept-encoding", value: "identity")
            var spool: SpoolFile?
            do {
                let response = try await http.execute(request, timeout: .seconds(300))
                let status = Int(response.status.code)
                guard (200..<300).contains(status) else {
                    _ = try? await response.body.collect(upTo: 64 << 10)
                    if status >= 500, attempt < Self.attempts {
                        try await Task.sleep(for: .milliseconds(200 << attempt))
                        continue
                    }
                    throw RemoteSourceError(url: url, status: status, message: "the request failed")
                }
                var memory: [UInt8] = []
                for try await chunk in response.body {
                    if let spool {
                        try spool.append(chunk)
                    } else if memory.count + chunk.readableBytes <= spoolThreshold {
                        memory.append(contentsOf: chunk.readableBytesView)
                    } else {
                        guard let spoolFolder else {
                            throw RemoteSourceError(url: url, message: "the answer is larger than \(spoolThreshold) bytes")
                        }
                        let file = try SpoolFile(in: spoolFolder)
                        spool = file
                        try memory.withUnsafeBytes { try file.append($0) }
                        memory = []
                        try file.append(chunk)
                    }
                }
                if let spool { return (response.headers, try spool.finish()) }
                return (response.headers, .memory(memory))
            } catch let error as RemoteSourceError {
                spool?.discard()
                throw error
            } catch is CancellationError {
                spool?.discard()
                throw CancellationError()
            } catch let error as StorageError {
                spool?.discard()
                throw error
            } catch {
                spool?.discard()
                if attempt < Self.attempts {
                    try await Task.sleep(for: .milliseconds(200 << attempt))
                    continue
                }
                throw RemoteSourceError(url: url, message: "no answer (\(String(describing: error).prefix(200)))")
            }
        }
    }

    /// Pages through a QIDO-RS search with `limit` and `offset` (PS3.18 §8.3.4.4), handing each page to
    /// `body`, so a server holding millions of results is never listed in one answer.
    ///
    /// The search ends at an empty page, or at a short page unless the server sent a `Warning` header
    /// (servers that cap their answers below `limit` say so there, PS3.18 §8.3.4.4.2).
    func search(
        _ path: String, pageSize: Int, _ body: ([QIDOResult]) async throws -> Void
    ) async throws {
        var offset = 0
        let separator = path.contains("?") ? "&" : "?"
        while true {
            let page = path + separator + "limit=\(pageSize)&offset=\(offset)"
            let (headers, bytes) = try await get(page, accept: "application/dicom+json")
            // An empty answer may come as 204 with no body.
            let results = bytes.isEmpty ? [] : try decode([QIDOResult].self, from: bytes, path: page)
            if results.isEmpty { return }
            try await body(results)
            offset += results.count
            if results.count < pageSize, headers.first(name: "warning") == nil { return }
        }
    }

    /// Walks the server's studies, their series and their instances, a QIDO-RS page at a time at every
    /// level, handing `body` each instance's SOP Instance UID and its WADO-RS path. Results without
    /// their UID are skipped.
    func eachInstance(
        pageSize: Int, _ body: (_ sopInstanceUID: String, _ path: String) async throws -> Void
    ) async throws {
        try await search("/studies", pageSize: pageSize) { studies in
            for study in studies {
                guard let studyUID = study.string(QIDOResult.studyInstanceUID) else { continue }
                let studyPath = "/studies/" + SignatureV4.encodeQueryComponent(studyUID)
                try await search(studyPath + "/series", pageSize: pageSize) { series in
                    for one in series {
                        guard let seriesUID = one.string(QIDOResult.seriesInstanceUID) else { continue }
                        let seriesPath = studyPath + "/series/" + SignatureV4.encodeQueryComponent(seriesUID)
                        try await search(seriesPath + "/instances", pageSize: pageSize) { instances in
                            for instance in instances {
                                guard let sop = instance.string(QIDOResult.sopInstanceUID) else { continue }
                                try await body(sop, seriesPath + "/instances/" + SignatureV4.encodeQueryComponent(sop))
                            }
                        }
                    }
                }
            }
        }
    }

    /// GETs `path` and decodes its JSON body as `type`.
    func getJSON<Value: Decodable>(_ path: String, as type: Value.Type) async throws -> Value {
        let (_, body) = try await get(path, accept: "application/json")
        return try decode(type, from: body, path: path)
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from body: [UInt8], path: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw RemoteSourceError(url: baseURL + path, message: "the answer is not the expected JSON")
        }
    }
}
