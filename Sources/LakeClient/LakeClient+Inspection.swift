import LakeEngine

/// `show` and `explain` through the service: `GET /v1/entries?id=…` and `GET /v1/explanation?id=…` (the
/// service's `LakeServer+InspectionRoutes.swift` lists the same routes). The id travels as a query
/// parameter, so a `DATASET@VERSION` or a name with a slash needs no path escaping.
extension LakeClient {
    public func show(_ id: String) async throws -> [CatalogEntry] { try await get("entries", [("id", id)]) }

    public func explain(_ id: String) async throws -> Explanation { try await get("explanation", [("id", id)]) }
}
