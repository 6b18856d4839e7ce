/// A transform applied to make a version: what ran, which version of which tool, with which parameters.
public struct ManifestTransform: Codable, Hashable, Sendable {
    /// `dicom-deidentification`, `vcf-sample-pseudonymization`, `selection`…
    public var name: String
    public var tool: String
    public var toolVersion: String
    public var parameters: [String: String]

    public init(name: String, parameters: [String: String]) {
        self.name = name
        tool = GovernanceTool.name
        toolVersion = GovernanceTool.version
        self.parameters = parameters
    }
}
