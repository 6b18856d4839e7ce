import Hummingbird
import LakeEngine

/// The routes of `show` and `explain`: `GET /v1/entries?id=…` and `GET /v1/explanation?id=…`, run as the
/// caller, so a restricted dataset's contents come only to whoever may read them.
extension LakeServer {
    func addInspectionRoutes(to v1: RouterGroup<PeerRequestContext>) {
        v1.get("entries") { request, context in
            await answer(context) { lake in try lake.show(try request.parameters.required("id")) }
        }
        v1.get("explanation") { request, context in
            await answer(context) { lake in try lake.explain(try request.parameters.required("id")) }
        }
    }
}
