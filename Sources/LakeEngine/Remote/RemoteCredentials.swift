import Foundation

/// A user name and password for a DICOM server's HTTP authentication.
///
/// Read from `MEDLAKE_REMOTE_USER` / `MEDLAKE_REMOTE_PASSWORD`, else from a netrc-style file
/// (`machine HOST login USER password SECRET`, or a `default` entry). Never stored in the catalog;
/// `description` hides the password.
public struct RemoteCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    public var description: String { "RemoteCredentials(\(user), password hidden)" }
    public var debugDescription: String { description }

    /// The environment variables read first.
    public static let userVariable = "MEDLAKE_REMOTE_USER"
    public static let passwordVariable = "MEDLAKE_REMOTE_PASSWORD"

    /// The `Authorization` header value.
    var basicAuthorization: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Credentials for `host`: the environment first, then `netrcPath` (when given), else none.
    ///
    /// - Throws: ``RemoteSourceError`` when the netrc file cannot be read or is malformed (naming the
    ///   file and the token, never a password).
    public static func resolve(
        host: String, environment: [String: String], netrcPath: String?
    ) throws -> RemoteCredentials? {
        if let user = environment[userVariable], !user.isEmpty {
            return RemoteCredentials(user: user, password: environment[passwordVariable] ?? "")
        }
        guard let netrcPath else { return nil }
        return try fromNetrc(path: netrcPath, host: host)
    }

    /// The entry for `host` (else the `default` entry) in a netrc-style file; nil when neither exists.
    public static func fromNetrc(path: String, host: String) throws -> RemoteCredentials? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw RemoteSourceError(url: path, message: "cannot read the credentials file")
        }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        var entries: [(machine: String?, login: String?, password: String?)] = []
        var index = 0
        func value(after keyword: String) throws -> String {
            index += 1
            guard index < tokens.count else {
                throw RemoteSourceError(url: path, message: "'\(keyword)' has no value")
            }
            return tokens[index]
        }
        while index < tokens.count {
            switch tokens[index] {
            case "machine": entries.append((try value(after: "machine"), nil, nil))
            case "default": entries.append((nil, nil, nil))
            case "login":
                let login = try value(after: "login")
                if !entries.isEmpty { entries[entries.count - 1].login = login }
            case "password":
                let password = try value(after: "password")
                if !entries.isEmpty { entries[entries.count - 1].password = password }
            case "account", "macdef": _ = try value(after: tokens[index])
            default: break
            }
            index += 1
        }
        let entry = entries.first { $0.machine == host } ?? entries.first { $0.machine == nil }
        guard let entry, let login = entry.login else { return nil }
        return RemoteCredentials(user: login, password: entry.password ?? "")
    }
}
