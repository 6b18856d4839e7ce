/// Why a lake was not handed to a service account (``Lake/share(root:toUser:group:)``).
public enum LakeShareError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The lake already belongs to the service account (user id `account`).
    case alreadyServed(root: String, account: UInt32)
    /// `path`, which the lake holds or `lake.toml` names, belongs to user id `owner` rather than to the
    /// lake's owner `expected`: handing it over would give the service another user's file or folder.
    case foreignEntry(root: String, path: String, owner: UInt32, expected: UInt32)

    public var description: String {
        switch self {
        case .alreadyServed(let root, let account):
            "the lake in \(root) already belongs to the service account (user id \(account)); serve it with "
                + "`medlake serve --lake \(root)`"
        case .foreignEntry(let root, let path, let owner, let expected):
            "\(path) belongs to user id \(owner), not to the owner of the lake in \(root) (user id \(expected)): "
                + "nothing was handed over. Give it back to its owner, or take it out of lake.toml, first"
        }
    }
}
