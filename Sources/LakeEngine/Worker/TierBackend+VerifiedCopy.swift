import Storage

extension TierBackend {
    /// Stages a copy of object `digest` from `source` here, verified against its SHA-256 and size: a
    /// hard link read back by `verifier` when both are folders on one file system, else the bytes copied
    /// through a ``VerifyingReader`` (hashing while copying, paced by `limit`). Nothing is staged when the
    /// bytes do not match; the error is rethrown. Used by workers beside the catalog and on other hosts.
    ///
    /// - Parameters:
    ///   - owner: names the staged file, so the job's next worker finds what a killed one left.
    ///   - shouldStop: polled between chunks; true ends the copy with ``TransferStopped``.
    ///   - progress: the object's bytes copied and verified so far.
    func stageVerifiedCopy(
        of digest: ObjectDigest, size: Int64, from source: any TierBackend, owner: String, limit: BandwidthLimit?,
        verifier: ParallelVerifier, shouldStop: @escaping @Sendable () -> Bool,
        progress: @escaping @Sendable (Int64) -> Void
    ) async throws -> StagedCopy {
        let linked = try await stageShared(digest, from: source, owner: owner) { path in
            try await verifier.verify(
                FileVerification(
                    path: path, digest: digest, size: size, limit: limit, shouldStop: shouldStop, progress: progress))
        }
        if let linked { return linked }
        let reader = VerifyingReader(
            try await source.openForReading(digest, range: nil), digest: digest, size: size, limit: limit,
            shouldStop: shouldStop, progress: progress)
        return try await stage(digest, from: reader, owner: owner)
    }
}
