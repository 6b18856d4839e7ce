extension S3Tier {
    /// The key of the tier's ``TierIdentity`` object, relative to the location's prefix.
    public static let identityKey = TierIdentity.fileName

    /// Reads the identity object at the prefix.
    /// - Throws: ``S3Error`` when the bucket cannot be reached.
    public func readIdentity() async throws -> TierIdentityState {
        guard try await client.headObject(key: Self.identityKey) != nil else { return .missing }
        let bytes = try await client.getObject(key: Self.identityKey, limit: 4096)
        guard let identity = TierIdentity(text: String(decoding: bytes, as: UTF8.self)) else { return .unreadable }
        return .present(identity)
    }

    /// Writes `identity` unless an identity is present, and returns what the prefix then holds.
    ///
    /// S3 has no exclusive create that every server honours, so two lakes adopting one empty prefix at
    /// the same instant could both write; the answer is read back after the write, so at most the later
    /// writer is told the truth and the earlier one finds its identity replaced at its next check.
    public func writeIdentity(_ identity: TierIdentity) async throws -> TierIdentityState {
        let current = try await readIdentity()
        guard current == .missing else { return current }
        try await client.putObject(key: Self.identityKey, bytes: Array(identity.text.utf8))
        return try await readIdentity()
    }

    /// True when the prefix holds no object (the identity object aside).
    public func holdsNoObjects() async throws -> Bool {
        for try await _ in list() { return false }
        return true
    }
}
