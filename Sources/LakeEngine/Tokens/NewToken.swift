/// What ``TokenOperations/createToken(_:)`` makes: a token for a service account with one role.
public struct NewToken: Codable, Sendable, Hashable {
    public var name: String
    public var role: Role
    /// Seconds from now until the token stops working (at most ``maximumLifetime``).
    public var lifetime: Int

    /// The longest a token may live: 365 days. A token is for a machine; it is renewed, not kept forever.
    public static let maximumLifetime = 365 * 86_400

    public init(name: String, role: Role, lifetime: Int) {
        self.name = name
        self.role = role
        self.lifetime = lifetime
    }
}
