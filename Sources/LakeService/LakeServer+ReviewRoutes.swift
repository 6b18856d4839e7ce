import Hummingbird
import LakeEngine

/// The routes of ``ReviewOperations``: a series' instances (`GET /v1/instances?dataset&series&offset&limit`)
/// and recording a review (`POST /v1/reviews` with ``NewReview``), each run as the caller.
extension LakeServer {
    func addReviewRoutes(to v1: RouterGroup<PeerRequestContext>) {
        v1.get("instances") { request, context in
            await answer(context) { lake in try lake.instances(try InstanceQuery(parameters: request.parameters)) }
        }
        v1.post("reviews") { request, context in
            await answer(context, body: request, as: NewReview.self) { lake, review in try lake.recordReview(review) }
        }
    }
}
