/// The user a call acts as, with their roles in the lake.
public struct Caller: Codable, Sendable, Hashable {
    public var user: String
    public var uid: UInt32
    public var roles: [Role]
}
