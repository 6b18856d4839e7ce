/// What went wrong, as a stable word scripts can branch on: the `code` of every `--json` error object.
///
/// The raw values are part of the command-line interface (docs/cli.md lists them): add cases, never rename.
enum FailureCode: String, Encodable, CaseIterable, Sendable {
    // MARK: - Command line

    /// A subcommand name that does not exist at that level (`medlake datsets`).
    case unknownCommand
    /// An option the command does not take (`medlake flags add --code`).
    case unknownOption
    /// A missing, extra or malformed argument, or a value the command refuses.
    case invalidArgument

    // MARK: - Running the command

    /// No lake was given and none was found above the working directory.
    case lakeNotFound
    /// `lake.toml` (or another configuration file) cannot be read or says something invalid.
    case invalidConfiguration
    /// `init` was pointed at a folder that already holds a lake.
    case lakeExists
    /// Nothing in the catalog matches the given name or id (a dataset, study, flag, grant…).
    case notFound
    /// The user lacks the role, or the file system refuses access.
    case permissionDenied
    /// The process's user id has no password-database entry.
    case unknownUser
    /// A Unix group named in `lake.toml` or on the command line does not exist.
    case unknownGroup
    /// A flag code outside the lake's vocabulary.
    case unknownFlagCode
    /// A flag that is no longer open cannot change state again.
    case flagNotOpen
    /// Only a resolved or waived flag can be reopened.
    case flagAlreadyOpen
    /// A flag code of the vocabulary that is not for the target's kind (an imaging code on a sample).
    case flagCodeNotForTarget
    /// The object sits in a tier whose reads need a restore first.
    case restoreRequired
    /// A migration job cannot make the requested change from its current state.
    case jobState
    /// A system call failed for a reason other than permissions (`errno` says which).
    case systemError
    /// Any other failure: reading a file, the catalog, a server.
    case failed
    /// The lake has a service socket but nothing answers on it, or the service closed the connection
    /// before answering.
    case serviceUnavailable
    /// A remote lake refused the bearer token (missing, unknown, expired or revoked), or the client could
    /// not use the token or CA it was given (a token file others may read).
    case invalidToken
}
