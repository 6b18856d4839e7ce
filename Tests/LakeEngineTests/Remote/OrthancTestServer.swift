import AsyncHTTPClient
import DICOM
import Foundation
import LakeEngine
import NIOCore
import NIOHTTP1
import Testing

/// The Orthanc server `.ci/services.sh` starts, as the `MEDLAKE_TEST_ORTHANC_*` variables describe it,
/// and helpers to fill it with generated instances.
///
/// Outside CI, tests needing it are skipped when the variables are unset; with `CI=true` they run and
/// fail, so a CI run without the server cannot pass silently.
enum OrthancTestServer {
    static let environment = ProcessInfo.processInfo.environment

    static var shouldRun: Bool { environment["MEDLAKE_TEST_ORTHANC_URL"] != nil || environment["CI"] == "true" }

    static let skipReason: Comment =
        "Orthanc not configured: run `.ci/services.sh start DIR` and source DIR/services.env to run these tests"

    struct Missing: Error, CustomStringConvertible {
        var variable: String
        var description: String { "\(variable) is not set: the Orthanc test server is not running (see .ci/services.sh)" }
    }

    private static func variable(_ name: String) throws -> String {
        guard let value = environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    static var url: String { get throws { try variable("MEDLAKE_TEST_ORTHANC_URL") } }
    static var dicomwebURL: String { get throws { try variable("MEDLAKE_TEST_DICOMWEB_URL") } }

    static func credentials() throws -> RemoteCredentials {
        RemoteCredentials(
            user: try variable("MEDLAKE_TEST_ORTHANC_USER"), password: try variable("MEDLAKE_TEST_ORTHANC_PASSWORD"))
    }

    struct RequestFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends a request to Orthanc's REST API and returns the body.
    ///
    /// Orthanc closes an idle keep-alive connection after its timeout; a request that races that close on
    /// a pooled connection fails in transport (`I/O on closed channel`) before Orthanc saw it, so such a
    /// failure is tried again, on a new connection, up to three times. An HTTP error answer is not.
    @discardableResult
    static func request(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil) async throws -> [UInt8] {
        var attempt = 1
        while true {
            do {
                return try await send(method, path, body: body)
            } catch let error as RequestFailed {
                throw error
            } catch where attempt < 3 {
                attempt += 1
            }
        }
    }

    /// One attempt of ``request(_:_:body:)``.
    private static func send(_ method: HTTPMethod, _ path: String, body: [UInt8]?) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: try url + path)
        request.method = method
        let credentials = try credentials()
        request.headers.add(
            name: "authorization",
            value: "Basic " + Data("\(credentials.user):\(credentials.password)".utf8).base64EncodedString())
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = Array(buffer: try await response.body.collect(upTo: 64 << 20))
        guard (200..<300).contains(Int(response.status.code)) else {
            throw RequestFailed(description: "\(method.rawValue) \(path): HTTP \(response.status.code)")
        }
        return bytes
    }

    /// Deletes every study, so a test sees only what it uploads.
    static func clear() async throws {
        let studies = try JSONDecoder().decode([String].self, from: Data(try await request(.GET, "/studies")))
        for study in studies { try await request(.DELETE, "/studies/\(study)") }
    }

    /// The change number a pull should start after to see only what is uploaded from now on.
    static func lastChange() async throws -> Int64 {
        struct Page: Decodable {
            var last: Int64
            enum CodingKeys: String, CodingKey { case last = "Last" }
        }
        let body = try await request(.GET, "/changes?limit=0")
        return try JSONDecoder().decode(Page.self, from: Data(body)).last
    }

    /// Part 10 bytes of generated instances; `source` goes into the meta group's Source Application
    /// Entity Title (0002,0016), so two calls with different sources differ in group 0002 only.
    static func instances(_ specs: [SyntheticInstance], source: String = "MEDLAKETEST") throws -> [[UInt8]] {
        try specs.map { spec in
            let meta = DataSet(elements: [.text(AttributeTag(rawValue: 0x0002_0016), .AE, source)])
            return try DICOMWriter.part10(SyntheticData.dataSet(for: spec), meta: meta)
        }
    }

    /// Uploads Part 10 files with `POST /instances`.
    static func upload(_ files: [[UInt8]]) async throws {
        for file in files { try await request(.POST, "/instances", body: file) }
    }
}
