/// The users holding one role in the lake (`lake.toml` `[roles]`, with `lake.local.toml` claims).
public struct RoleMembers: Codable, Sendable, Hashable {
    public var role: Role
    /// Sorted by name.
    public var users: [String]

    public init(role: Role, users: [String]) {
        self.role = role
        self.users = users
    }
}

/// A role given to or taken from a user (``AccessOperations/changeRole(_:)``); admin only, audited as
/// `config.roles`.
public struct RoleChange: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case grant
        case revoke
    }

    public var user: String
    public var role: Role
    public var kind: Kind

    public init(user: String, role: Role, kind: Kind) {
        self.user = user
        self.role = role
        self.kind = kind
    }
}

// MARK: - From the configuration

extension LakeConfiguration {
    /// Every role with its holders, in ``Role`` order.
    var roleMembers: [RoleMembers] {
        Role.allCases.map { role in RoleMembers(role: role, users: (roles[role] ?? []).sorted()) }
    }
}
