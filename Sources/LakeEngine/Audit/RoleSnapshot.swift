/// The roles a lake grants — `lake.toml` and `lake.local.toml` merged — as one canonical line, recorded
/// (as the `roles` detail) by every audit event that sets them: `lake.init`, `audit.keyed` and
/// `config.roles`.
///
/// `audit verify` compares the roles in force with the newest such event: roles that differ were changed
/// without going through `medlake roles`, whose events the audit key protects.
///
/// Example: `admin=alice;curator=alice,bob;annotator=;operator=alice` (roles in ``Role`` order, users sorted).
enum RoleSnapshot {
    /// The detail key events record the snapshot under.
    static let detailKey = "roles"
    /// The actions whose events may record a snapshot.
    static let recordingActions = ["lake.init", "audit.keyed", "config.roles"]

    /// The canonical line for `roles`.
    static func text(_ roles: [Role: Set<String>]) -> String {
        Role.allCases.map { role in
            role.rawValue + "=" + (roles[role] ?? []).sorted().joined(separator: ",")
        }.joined(separator: ";")
    }
}
