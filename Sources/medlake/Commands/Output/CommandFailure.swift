import ArgumentParser
import Catalog
import Foundation
import LakeClient
import LakeEngine
import Storage
import TUI

/// A failure as the user sees it: a ``FailureCode``, a sentence, and the facts a script may need.
///
/// On a terminal it is one `medlake: error: …` line (usage mistakes add a pointer to `--help`); with `--json`
/// anywhere on the command line it is one JSON object on standard error, written by the same encoder as every
/// other JSON output. Optional fields are left out when empty.
///
/// ```json
/// {"code": "unknownCommand", "message": "Unknown command 'datsets'. Did you mean 'datasets'?",
///  "argument": "datsets", "command": "medlake", "suggestion": "datasets"}
/// ```
struct CommandFailure: Error, Encodable, Sendable {
    var code: FailureCode
    var message: String
    /// The word on the command line that was not understood.
    var argument: String?
    /// The command path the failure belongs to (`medlake flags add`).
    var command: String?
    /// The nearest valid word, when one is close enough to be a likely typo.
    var suggestion: String?
    /// `notFound`: what was looked up (`dataset`) and the given name or id.
    var kind: String?
    var id: String?
    /// `permissionDenied`: the user and the permission they lack.
    var user: String?
    var permission: String?
    /// `systemError`, `permissionDenied` from the file system: the path and the error number; `lakeExists`:
    /// the lake; `lakeNotFound`: where the search started; `invalidConfiguration`: the file.
    var path: String?
    var errno: Int32?
    /// `invalidConfiguration`: the 1-based line and the dotted key, when known.
    var line: Int?
    var key: String?

    init(code: FailureCode, message: String) {
        self.code = code
        self.message = message
    }
}

// MARK: - Classifying errors

extension CommandFailure {
    /// The failure `error` stands for.
    init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let lake as LakeError:
            self.init(lake)
        case let client as LakeClientError:
            switch client {
            case .unreachable(let socket, _), .connectionLost(let socket):
                self.init(code: .serviceUnavailable, message: client.description)
                path = socket
            case .unexpectedAnswer: self.init(code: .failed, message: client.description)
            case .untrusted(let url, _):
                self.init(code: .serviceUnavailable, message: client.description)
                path = url
            case .invalidURL: self.init(code: .invalidArgument, message: client.description)
            case .missingToken, .unsafeTokenFile: self.init(code: .invalidToken, message: client.description)
            case .unreadableFile(let path, let number):
                self.init(code: .systemError, message: client.description)
                self.path = path
                errno = number
            case .objectRefused(let url, _, _):
                self.init(code: .failed, message: client.description)
                path = url
            }
        case let personal as PersonalLakeError:
            self.init(code: .notPersonalLake, message: personal.description)
            path = personal.path
        case let share as LakeShareError:
            switch share {
            case .alreadyServed: self.init(code: .conflict, message: share.description)
            case .foreignEntry(_, let entry, _, _):
                self.init(code: .policyRefused, message: share.description)
                path = entry
            }
        case let token as TokenError:
            self.init(code: token.isAuthenticationFailure ? .invalidToken : .invalidArgument, message: token.description)
        case let governance as GovernanceError:
            self.init(code: FailureCode(governance.problemCode), message: governance.description)
        case let retention as RetentionError:
            self.init(code: FailureCode(retention.problemCode), message: retention.description)
        case let stage as StageError:
            self.init(code: FailureCode(stage.problemCode), message: stage.description)
        case let problem as ProblemDetails:
            // An engine error without a typed form on the wire (a retention rule…): its stable code says which.
            self.init(code: FailureCode(problem.code), message: problem.detail)
        case let copy as CatalogCopyError:
            self.init(copy)
        case let catalog as CatalogError:
            self.init(catalog)
        case let configuration as ConfigurationError:
            self.init(code: .invalidConfiguration, message: configuration.description)
            path = configuration.path
            line = configuration.line
            key = configuration.key
        case let storage as StorageError where storage.errno != 0:
            let denied = storage.errno == EACCES || storage.errno == EPERM
            self.init(code: denied ? .permissionDenied : .systemError, message: storage.description)
            path = storage.path
            errno = storage.errno
        case let validation as ValidationError:
            self.init(code: .invalidArgument, message: validation.message)
        case let posix as POSIXError:
            let denied = posix.code == .EACCES || posix.code == .EPERM
            self.init(code: denied ? .permissionDenied : .systemError, message: String(describing: error))
            errno = posix.code.rawValue
        case let cocoa as CocoaError where cocoa.code == .fileReadNoPermission || cocoa.code == .fileWriteNoPermission:
            self.init(code: .permissionDenied, message: String(describing: error))
            path = cocoa.filePath
        default:
            self.init(code: .failed, message: String(describing: error))
        }
    }

    private init(_ error: LakeError) {
        self.init(code: .failed, message: error.description)
        switch error {
        case .unknownUser: code = .unknownUser
        case .lakeNotFound(let start):
            code = .lakeNotFound
            path = start
        case .lakeExists(let path):
            code = .lakeExists
            self.path = path
        case .notPermitted(let user, let permission):
            code = .permissionDenied
            self.user = user
            self.permission = permission.rawValue
        case .notFound(let kind, let id):
            code = .notFound
            self.kind = kind
            self.id = id
        case .unknownFlagCode(let flagCode):
            code = .unknownFlagCode
            id = flagCode
        case .flagNotOpen: code = .flagNotOpen
        case .flagAlreadyOpen: code = .flagAlreadyOpen
        case .flagCodeNotForTarget(let flagCode, _):
            code = .flagCodeNotForTarget
            id = flagCode
        case .unknownGroup(let name):
            code = .unknownGroup
            id = name
        case .system(_, let path, let number):
            code = number == EACCES || number == EPERM ? .permissionDenied : .systemError
            self.path = path
            errno = number
        case .invalidArgument: code = .invalidArgument
        case .restoreRequired: code = .restoreRequired
        case .jobState: code = .jobState
        }
    }
}

// MARK: - Reporting

extension CommandFailure {
    /// Whether errors should be JSON: `--json` appears among the options (before any `--`).
    ///
    /// Read from the raw command line because parsing itself may be what failed.
    static func wantsJSON(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--json")
    }

    /// Writes the failure to standard error: one JSON object under `--json`, else `medlake: error: …`.
    ///
    /// Messages can carry data (paths, UIDs, notes, the mistyped word), so both forms are terminal-safe:
    /// the text through `SafeText`, the JSON through ``TerminalSafeJSON``'s escapes.
    func report(json: Bool = wantsJSON()) {
        if json {
            // Encoding a struct of strings and integers cannot fail; if it ever did, the text form follows.
            if let data = try? TerminalSafeJSON.encode(self) { return FileHandle.standardError.write(data) }
        }
        FileHandle.standardError.write(Data("medlake: error: \(SafeText.sanitize(message))\n".utf8))
    }
}

/// Runs a command body, reporting any failure on standard error (see ``CommandFailure/report(json:)``)
/// and exiting with status 1.
///
/// ArgumentParser's own error printing would emit error texts raw, and they can carry data.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let failure = CommandFailure(error)
        failure.report()
        throw ExitCode.failure
    }
}

/// The asynchronous form of ``reportingFailures(_:)``; the body runs in the caller's isolation (the workbench
/// runs on the main actor, server commands anywhere).
func reportingFailures(
    isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let failure = CommandFailure(error)
        failure.report()
        throw ExitCode.failure
    }
}
