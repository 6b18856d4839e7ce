/// What ``TokenOperations/createToken(_:)`` makes: a token for a service account with one role.
public struct NewToken: Codable, Sendable, Hashable {
    public var name: String
    public var role: Role
    /// Seconds from now until the token stops working (at most ``TokenError/maximumLifetime``).
    public var lifetime: Int

    public init(name: String, role: Role, lifetime: Int) {
        self.name = name
        self.role = role
        self.lifetime = lifetime
    }
}
