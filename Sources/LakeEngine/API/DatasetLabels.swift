/// A dataset's sensitivity label and consent scope (``AccessOperations/label(_:)``).
///
/// As a request, a nil field is left as it is; as an answer, both are the dataset's labels afterwards.
public struct DatasetLabels: Codable, Sendable, Hashable {
    public var dataset: String
    /// One of the lake's `governance.labels` (`public`, `internal`, `restricted`…).
    public var sensitivity: String?
    /// The uses the patients consented to.
    public var consentScope: [String]?

    public init(dataset: String, sensitivity: String? = nil, consentScope: [String]? = nil) {
        self.dataset = dataset
        self.sensitivity = sensitivity
        self.consentScope = consentScope
    }
}
