import LakeEngine

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
    /// A restricted dataset was used without a role that reads it or a live grant.
    case accessDenied
    /// A governance decision the caller may not take: their own request, no approver role, decided already,
    /// a grant for a user without a role.
    case decisionRefused
    /// The thing is not in a state that allows the operation (a released hold, a decided promotion, a
    /// dataset deprecated already).
    case conflict
    /// Policy checks, de-identification, a deprecation, a legal hold or a quality score refused the operation.
    case policyRefused
    /// A system call failed for a reason other than permissions (`errno` says which).
    case systemError
    /// Any other failure: reading a file, the catalog, a server.
    case failed
    /// The lake has a service socket but nothing answers on it, or the service closed the connection
    /// before answering.
    case serviceUnavailable
    /// The lake is not the user's personal lake (another user's files, or files shared with group or others),
    /// so it does not open in-process: it is reached through its service.
    case notPersonalLake
    /// A remote lake refused the bearer token (missing, unknown, expired or revoked), or the client could
    /// not use the token or CA it was given (a token file others may read).
    case invalidToken
}

// MARK: - From the service's codes

extension FailureCode {
    /// The code for an engine error whose stable ``ProblemCode`` is `problem`: the same whether the error was
    /// thrown in-process or came back from the lake service as a problem document.
    init(_ problem: ProblemCode) {
        switch problem {
        case .notPermitted: self = .permissionDenied
        case .accessDenied: self = .accessDenied
        case .decisionRefused: self = .decisionRefused
        case .unknownUser: self = .unknownUser
        case .invalidToken: self = .invalidToken
        case .notFound: self = .notFound
        case .invalidArgument, .badRequest: self = .invalidArgument
        case .unknownFlagCode: self = .unknownFlagCode
        case .conflict: self = .conflict
        case .policyRefused: self = .policyRefused
        case .restoreRequired: self = .restoreRequired
        case .invalidConfiguration: self = .invalidConfiguration
        case .systemError: self = .systemError
        case .failed: self = .failed
        }
    }
}
