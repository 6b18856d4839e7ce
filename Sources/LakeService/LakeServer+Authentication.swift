import Foundation
import Hummingbird
import LakeEngine
import NIOPosix

extension LakeServer {
    /// Who sent a request: on the Unix socket, the peer the kernel names (`SO_PEERCRED`), whatever the
    /// request says; over TCP, the service account of the bearer token in `Authorization`, which the
    /// engine checks (known, not expired, not revoked).
    /// - Throws: ``TokenError`` (answered `401 invalidToken`), ``LakeError/unknownUser(uid:)``.
    func caller(of context: PeerRequestContext) async throws -> Identity {
        if context.isUnixSocket { return try Identity.user(uid: try await context.peer().uid) }
        let secret = try Self.bearerSecret(context.authorization)
        let lake = lake
        return try await NIOThreadPool.singleton.runIfActive { try lake.authenticate(bearer: secret) }
    }

    /// The token in an `Authorization: Bearer …` header (the scheme in any case, as RFC 9110 allows).
    /// - Throws: ``TokenError/missing`` without a header, ``TokenError/malformed`` for another scheme.
    static func bearerSecret(_ header: String?) throws -> String {
        guard let header else { throw TokenError.missing }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw TokenError.malformed }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
