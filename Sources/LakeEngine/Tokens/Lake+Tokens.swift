import Catalog
import Foundation

/// Bearer tokens for service accounts: remote clients of the lake service (other hosts, pods) that act
/// with exactly one role. Made, listed and revoked by admins; every change audited.
extension Lake: TokenOperations {
    /// Makes a token named `request.name` holding `request.role` for `request.lifetime` seconds (admin
    /// only), audited as `token.create`. The secret is in the answer and nowhere else: the catalog keeps
    /// its SHA-256.
    /// - Throws: ``TokenError/invalidName(name:)``, ``TokenError/invalidLifetime(seconds:)``,
    ///   ``TokenError/nameTaken(name:)``, ``LakeError/notPermitted(user:permission:)``.
    public func createToken(_ request: NewToken) throws -> IssuedToken {
        let role = try authorize(.configure)
        guard Self.isTokenName(request.name) else { throw TokenError.invalidName(name: request.name) }
        guard request.lifetime > 0, request.lifetime <= NewToken.maximumLifetime else {
            throw TokenError.invalidLifetime(seconds: request.lifetime)
        }
        let secret = TokenSecret.generate()
        return try catalog.write { tx in
            guard try tx.serviceToken(named: request.name) == nil else { throw TokenError.nameTaken(name: request.name) }
            let now = Date()
            var token = ServiceToken(
                name: request.name, role: request.role.rawValue, secretHash: TokenSecret.hash(secret),
                createdBy: actor.user, createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(request.lifetime)))
            try tx.insert(&token)
            try appendAudit(
                tx, role: role, action: "token.create", target: request.name,
                details: ["role": request.role.rawValue, "expires": Manifest.timestamp(token.expiresAt)])
            return IssuedToken(token: TokenOverview(token, role: request.role, now: now), secret: secret)
        }
    }

    /// Every token, in name order, with its state (admin only). No secret, no hash.
    public func tokens() throws -> [TokenOverview] {
        try authorize(.configure)
        let now = Date()
        return try catalog.read { tx in
            try tx.serviceTokens().map { TokenOverview($0, role: try Self.role(of: $0), now: now) }
        }
    }

    /// Ends token `name` now (admin only), audited as `token.revoke`; a revoked token stays revoked.
    /// - Throws: ``LakeError/notFound(kind:id:)``.
    public func revokeToken(name: String) throws -> TokenOverview {
        let role = try authorize(.configure)
        return try catalog.write { tx in
            guard var token = try tx.serviceToken(named: name) else { throw LakeError.notFound(kind: "token", id: name) }
            let now = Date()
            if token.revokedAt == nil {
                token.revokedAt = now
                token.revokedBy = actor.user
                try tx.update(token)
                try appendAudit(tx, role: role, action: "token.revoke", target: name, details: ["role": token.role])
            }
            return TokenOverview(token, role: try Self.role(of: token), now: now)
        }
    }

    /// The caller `secret` stands for: the token's service account, holding exactly the token's role.
    ///
    /// For the lake service, on every request over TCP. Needs no role (the lake's own account calls it).
    /// - Throws: ``TokenError/malformed``, ``TokenError/unknown``, ``TokenError/expired(name:)`` (from
    ///   `expiresAt` on), ``TokenError/revoked(name:)``.
    public func authenticate(bearer secret: String, now: Date = Date()) throws -> Identity {
        guard TokenSecret.isWellFormed(secret) else { throw TokenError.malformed }
        let hash = TokenSecret.hash(secret)
        guard let token = try catalog.read({ tx in try tx.serviceToken(secretHash: hash) }) else {
            throw TokenError.unknown
        }
        if token.revokedAt != nil { throw TokenError.revoked(name: token.name) }
        if token.expiresAt <= now { throw TokenError.expired(name: token.name) }
        return .token(TokenCredential(name: token.name, role: try Self.role(of: token)))
    }

    // MARK: - Helpers

    private static func isTokenName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 64, isASCIIAlphanumeric(first) else { return false }
        return scalars.allSatisfy { isASCIIAlphanumeric($0) || ".-_".unicodeScalars.contains($0) }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// The role a stored token holds.
    /// - Throws: ``LakeError/invalidArgument(_:)`` for a role this version does not know (a catalog written
    ///   by a newer one): such a token lets nobody in.
    private static func role(of token: ServiceToken) throws -> Role {
        guard let role = Role(rawValue: token.role) else {
            throw LakeError.invalidArgument("token \(token.name) holds an unknown role '\(token.role)'")
        }
        return role
    }
}
