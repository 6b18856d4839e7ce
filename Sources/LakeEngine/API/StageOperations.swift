/// Stage-in: a published version's files, verified, in a folder of the caller's (a pod's scratch volume).
///
/// In-process (``Lake``) the engine reads the tiers itself; through the service (`LakeClient`) the service
/// checks and audits the read and hands out URLs (``StagePlan``), and the caller's process fetches and
/// verifies the bytes. Either way the folder ends the same, and so does the ``StageReport``.
public protocol StageOperations: Sendable {
    /// Stages the published version `reference` into `directory` (on the caller's machine).
    func stage(
        _ reference: String, to directory: String, options: StageOptions,
        progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> StageReport
}
