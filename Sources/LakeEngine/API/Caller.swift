/// The user a call acts as, with their roles in the lake.
public struct Caller: Codable, Sendable, Hashable {
    /// The login name, or `token:NAME` for a service account's token.
    public var user: String
    public var uid: UInt32
    public var roles: [Role]
    /// The token's name when the caller presented one (over TCP); nil for a Unix user.
    public var token: String?

    public init(user: String, uid: UInt32, roles: [Role], token: String? = nil) {
        self.user = user
        self.uid = uid
        self.roles = roles
        self.token = token
    }
}
