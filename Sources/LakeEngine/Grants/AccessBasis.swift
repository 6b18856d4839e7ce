/// Why the actor may use a dataset: a role, or a grant (recorded in the audit log with its id).
public enum AccessBasis: Sendable, Hashable {
    /// The dataset is not restricted, or the actor holds a role that reads restricted datasets.
    case role
    /// A live grant with this id.
    case grant(Int64)

    /// The grant's id, when access comes from one.
    public var grantId: Int64? {
        if case .grant(let id) = self { return id }
        return nil
    }
}
