import Hummingbird
import LakeEngine

/// `GET /v1/remote-sources?dataset&kind&url`: where a dataset's pulls from one DICOM server stopped, so a
/// client pulling through the service (`ingest --from-orthanc`) asks the server only for later changes.
extension LakeServer {
    func addRemoteSourceRoutes(to router: Router<PeerRequestContext>) {
        let v1 = router.group("v1")
        v1.get("remote-sources") { request, context in
            await answer(context) { lake in
                let parameters = request.parameters
                let kind = try parameters.required("kind")
                guard let known = RemoteSourceKind(rawValue: kind) else {
                    throw LakeError.invalidArgument("The 'kind' parameter is orthanc or dicomweb, not '\(kind)'.")
                }
                return try lake.remoteSource(
                    RemoteSourceQuery(
                        dataset: try parameters.required("dataset"), kind: known, url: try parameters.required("url")))
            }
        }
    }
}
