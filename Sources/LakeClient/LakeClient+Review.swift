import Catalog
import LakeEngine

/// ``ReviewOperations`` over the socket: `GET /v1/instances`, `GET /v1/inspections/instance`,
/// `GET /v1/genomic-files`, `GET /v1/inspections/genomic-file`, `POST /v1/reviews`.
extension LakeClient {
    public func instances(_ query: InstanceQuery) async throws -> Page<InstanceOverview> {
        try await get("instances", query.parameters)
    }

    public func inspectInstance(_ query: InstanceInspectionQuery) async throws -> InstanceInspection {
        try await get("inspections/instance", query.parameters)
    }

    public func genomicFiles(_ query: GenomicFileQuery) async throws -> Page<GenomicFileEntry> {
        try await get("genomic-files", query.parameters)
    }

    public func inspectGenomicFile(_ query: GenomicFileInspectionQuery) async throws -> GenomicFileInspection {
        try await get("inspections/genomic-file", query.parameters)
    }

    public func recordReview(_ review: NewReview) async throws -> ReviewReceipt {
        try await post("reviews", review)
    }
}
