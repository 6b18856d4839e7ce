import Hummingbird
import LakeEngine

/// The routes of ``ReviewOperations``: a series' instances (`GET /v1/instances?dataset&series&offset&limit`),
/// one instance's tags and preview (`GET /v1/inspections/instance?dataset&instance`), a sample's files
/// (`GET /v1/genomic-files?dataset&sample&offset&limit`), one file's header and integrity
/// (`GET /v1/inspections/genomic-file?dataset&sample&sha256&streaming`) and recording a review (`POST /v1/reviews` with ``NewReview``), each run as the caller.
extension LakeServer {
    func addReviewRoutes(to v1: RouterGroup<PeerRequestContext>) {
        v1.get("instances") { request, context in
            await answer(context) { lake in try lake.instances(try InstanceQuery(parameters: request.parameters)) }
        }
        v1.get("inspections/instance") { request, context in
            await answer(context) { lake in
                try lake.inspectInstance(try InstanceInspectionQuery(parameters: request.parameters))
            }
        }
        v1.get("genomic-files") { request, context in
            await answer(context) { lake in try lake.genomicFiles(try GenomicFileQuery(parameters: request.parameters)) }
        }
        v1.get("inspections/genomic-file") { request, context in
            await answer(context) { lake in
                try lake.inspectGenomicFile(try GenomicFileInspectionQuery(parameters: request.parameters))
            }
        }
        v1.post("reviews") { request, context in
            await answer(context, body: request, as: NewReview.self) { lake, review in try lake.recordReview(review) }
        }
    }
}
