/// Looking one thing up by any of its ids: what it is, and what the lake can prove about where it came from.
///
/// Both answer only what the caller may read: a restricted dataset's contents need a reading role or a
/// grant, exactly as in-process.
public protocol InspectionQueries: Sendable {
    /// What `id` names (a UID, sample or dataset name, or object hash): its fields, where its bytes live, its
    /// flags and its history; several entries when the id is ambiguous (`medlake show`).
    func show(_ id: String) async throws -> [CatalogEntry]
    /// An object's or a version's ingests, transforms, versions, runs, derived outputs and
    /// de-identification (`medlake explain`): `id` is an object hash, a SOP Instance UID or
    /// `DATASET@VERSION`.
    func explain(_ id: String) async throws -> Explanation
}
