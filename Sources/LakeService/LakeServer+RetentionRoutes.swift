import Hummingbird
import LakeEngine

/// The routes of deletions by retention policy, under `/v1/retention`: the plan, a dataset's standing,
/// overrides, and deletion requests with their four-eyes decisions and execution.
///
/// Each runs the engine's method as the caller, which authorizes and audits as it does in-process: the
/// plan and requests need a reading role, a request an operator or admin, a decision an approver (never
/// the requester), an override an admin.
extension LakeServer {
    func addRetentionRoutes(to v1: RouterGroup<PeerRequestContext>) {
        v1.get("retention/plan") { _, context in await answer(context) { lake in try lake.retentionPlan() } }
        v1.get("retention/status") { request, context in
            await answer(context) { lake in try lake.retentionStatus(of: try request.parameters.required("dataset")) }
        }
        v1.post("retention/overrides") { request, context in
            await answer(context, body: request, as: NewRetentionOverride.self) { lake, override in
                try lake.overrideRetention(override)
            }
        }
        v1.get("retention/requests") { request, context in
            await answer(context) { lake in
                try lake.retentionRequests(try RetentionRequestQuery(parameters: request.parameters))
            }
        }
        v1.get("retention/requests/:id") { _, context in
            await answer(context) { lake in try lake.retentionRequest(id: try context.id()) }
        }
        v1.post("retention/requests") { request, context in
            await answer(context, body: request, as: RetentionDeletionRequest.self) { lake, deletion in
                try lake.requestRetentionDeletion(reason: deletion.reason)
            }
        }
        v1.post("retention/requests/:id/approve") { request, context in
            // Awaited, not run on the thread pool: the last approval removes the bytes before answering.
            await answerAsync(context, body: request, as: PromotionComment.self) { lake, body in
                try await lake.approveRetentionDeletion(id: try context.id(), comment: body.comment)
            }
        }
        v1.post("retention/requests/:id/reject") { request, context in
            await answer(context, body: request, as: PromotionComment.self) { lake, body in
                try lake.rejectRetentionDeletion(id: try context.id(), comment: body.comment)
            }
        }
        v1.post("retention/requests/:id/execute") { _, context in
            await answerAsync(context) { lake in try await lake.executeRetention(id: try context.id()) }
        }
    }

    /// Runs the asynchronous `work` as the caller and answers with its result as JSON, or with a problem.
    func answerAsync<Value: Encodable & Sendable>(
        _ context: PeerRequestContext, _ work: @escaping @Sendable (Lake) async throws -> Value
    ) async -> Response {
        do {
            return try WireFormat.response(try await work(try await callerLake(context)))
        } catch {
            return WireFormat.problemResponse(error)
        }
    }
}
