/// A holder giving its job back (`POST /v1/worker/jobs/{id}/release`): done, stopped (the job is queued
/// again) or failed with `failure`.
public struct WorkerRelease: Codable, Sendable, Hashable {
    public var holder: LeaseHolder
    /// Why the whole job failed (a tier without this lake's identity, out of space); nil otherwise.
    public var failure: String?

    public init(holder: LeaseHolder, failure: String? = nil) {
        self.holder = holder
        self.failure = failure
    }
}
