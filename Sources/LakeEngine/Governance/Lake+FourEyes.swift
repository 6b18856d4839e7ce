import Catalog

/// Why the four-eyes rule refused a decision; promotions and retention deletions word it for their request.
enum FourEyesRefusal: Error {
    /// The person deciding asked for the change.
    case ownRequest
    /// The person holds no approver role and no `approve` grant on the dataset.
    case notApprover(roles: [Role])
}

extension Lake {
    /// The four-eyes rule shared by promotions and retention deletions: the requester never decides on
    /// their own request; a decider needs a role `[approval] approver_roles` lists (and must be able to
    /// read `datasets`) or an `approve` grant on every dataset. Returns the role to audit and the grant
    /// used, if any.
    ///
    /// - Throws: ``FourEyesRefusal``, or the dataset access error of a restricted dataset.
    func fourEyesDecider(requester: String, datasets: [String], _ tx: CatalogTransaction) throws -> (role: Role, grantId: Int64?) {
        guard requester != actor.user else { throw FourEyesRefusal.ownRequest }
        let approverRoles = configuration.approval.approverRoles
        var grantId: Int64?
        if let approverRole = approverRoles.first(where: actorRoles.contains) {
            for name in datasets { grantId = try datasetAccess(name, needing: .approve, tx).grantId ?? grantId }
            return (approverRole, grantId)
        }
        guard !datasets.isEmpty else { throw FourEyesRefusal.notApprover(roles: approverRoles) }
        for name in datasets {
            guard case .grant(let grant) = try? datasetAccess(name, needing: .approve, tx) else {
                throw FourEyesRefusal.notApprover(roles: approverRoles)
            }
            grantId = grant
        }
        return (try authorize(.read), grantId)
    }
}
