/// How much of the promotion policy one run of the checks covers.
enum PolicyCheckRun: Sendable {
    /// A new request: every check, curated ones with an in-memory de-identification of every member.
    case request
    /// An execution: every check but the dry run, because execution re-scans its real outputs before it
    /// publishes anything.
    case execution
    /// A review (a promotion shown, a decision opened or recorded): the checks of what can change after the
    /// request, namely flags, quality score, consent and readability. The requester's role and the
    /// de-identification results are kept from `recorded`: they depend on the source version's bytes,
    /// which never change, and execution runs them again.
    case review(recorded: [PolicyCheck])
}
