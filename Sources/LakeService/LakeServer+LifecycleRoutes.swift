import Hummingbird
import LakeEngine

/// The routes of the lifecycle rules: `GET /v1/lifecycle/plan` (a reading role) and
/// `POST /v1/lifecycle/apply` (operator or admin; audited as `migration.queue`), run as the caller.
extension LakeServer {
    func addLifecycleRoutes(to v1: RouterGroup<PeerRequestContext>) {
        v1.get("lifecycle/plan") { _, context in await answer(context) { lake in try lake.lifecyclePlan() } }
        v1.post("lifecycle/apply") { _, context in await answer(context) { lake in try lake.applyLifecycle() } }
    }
}
