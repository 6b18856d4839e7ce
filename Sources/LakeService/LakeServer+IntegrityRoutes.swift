import Hummingbird
import LakeEngine

/// `POST /v1/fsck`: the lake checked inside the service, as the service account (the only account that
/// can read the catalog and every tier), for an admin (``Lake/checkLake(_:)``, audited as `lake.fsck`).
///
/// A lake whose catalog cannot be opened has no service to ask: its owner runs `medlake fsck` (and
/// `--rebuild-objects`) on the folder, in-process (docs/integrity.md).
extension LakeServer {
    func addIntegrityRoutes(to router: Router<PeerRequestContext>) {
        let v1 = router.group("v1")
        v1.post("fsck") { request, context in
            await answerAsync(context, body: request, as: FsckRequest.self) { lake, check in
                try await lake.checkLake(check)
            }
        }
    }
}
