/// A token just made, with its secret: the only time the secret is shown.
public struct IssuedToken: Codable, Sendable, Hashable {
    public var token: TokenOverview
    /// What the client sends as `Authorization: Bearer …`.
    public var secret: String
}
