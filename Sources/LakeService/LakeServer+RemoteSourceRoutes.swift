import Hummingbird
import LakeEngine

/// `GET /v1/remote-sources?dataset&kind&url`: where a dataset's pulls from one DICOM server stopped, so a
/// client pulling through the service (`ingest --from-orthanc`) asks the server only for later changes;
/// `POST /v1/instances/catalogued`: which of a batch of SOP Instance UIDs the dataset holds, so a client
/// pulling from DICOMweb retrieves only the others.
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
        v1.post("instances/catalogued") { request, context in
            await answer(context, body: request, as: CataloguedInstances.self) { lake, query in
                CataloguedInstances(
                    dataset: query.dataset,
                    sopInstanceUIDs: try lake.cataloguedInstances(dataset: query.dataset, among: query.sopInstanceUIDs).sorted())
            }
        }
    }
}
