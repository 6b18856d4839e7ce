/// The bearer token a caller of the lake service presented, once the engine has checked it: its name and
/// the one role it holds (see ``Identity/token``).
public struct TokenCredential: Sendable, Hashable, Codable {
    /// The token's name, unique in the lake.
    public let name: String
    /// The one role the caller holds.
    public let role: Role

    /// What audit events name a token caller by: `token:` then the token's name.
    public static let actorPrefix = "token:"
}
