import Hummingbird
import LakeEngine

/// `POST /v1/tiers/{name}/check`: an S3 tier checked end to end by the service, with the lake's own
/// credentials (``Lake/checkTier(named:)``). A `POST` because the check writes and deletes a probe
/// object; the answer carries each step's outcome, never a credential.
extension LakeServer {
    func addTierRoutes(to router: Router<PeerRequestContext>) {
        let v1 = router.group("v1")
        v1.post("tiers/:name/check") { _, context in
            await answerAwaiting(context) { lake in
                try await lake.checkTier(named: try context.parameters.require("name"))
            }
        }
    }

    /// Names the caller and awaits `work` as the caller: for engine calls that are asynchronous themselves
    /// (network I/O to a tier), rather than blocking a thread-pool thread.
    func answerAwaiting<Value: Encodable & Sendable>(
        _ context: PeerRequestContext, _ work: @escaping @Sendable (Lake) async throws -> Value
    ) async -> Response {
        do {
            return try WireFormat.response(try await work(try await callerLake(context)))
        } catch {
            return WireFormat.problemResponse(error)
        }
    }
}
