import Foundation
import Hummingbird
import HTTPTypes
import LakeEngine
import NIOCore

/// How values and problems look on the wire: JSON with ISO 8601 times; problems as
/// `application/problem+json`.
enum WireFormat {
    /// The largest request body accepted (requests are small: a flag, a comment).
    static let maximumBody = 1 << 20

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func response(_ value: some Encodable) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static func problemResponse(_ error: any Error) -> Response {
        let problem = ProblemDetails(EngineFailure(error))
        // A problem is strings and numbers: encoding it cannot fail; if it ever did, the status still says.
        let data = (try? encoder.encode(problem)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        // RFC 6750: a 401 names the scheme the caller should use.
        if problem.code == .invalidToken { headers[.wwwAuthenticate] = "Bearer realm=\"medlake\"" }
        return Response(
            status: HTTPResponse.Status(code: problem.status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
