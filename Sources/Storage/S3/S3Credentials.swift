import Foundation

/// An access key pair for S3 (and an optional session token).
///
/// Credentials come from the environment or from a credentials file the lake names, never from the
/// catalog. `description` and `debugDescription` show only the access key id's first four characters,
/// so printing a value, an error or a configuration never leaks the secret.
public struct S3Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let accessKeyId: String
    public let secretAccessKey: String
    public let sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "S3Credentials(\(accessKeyId.prefix(4))…, secret hidden)" }
    public var debugDescription: String { description }

    // MARK: - Sources

    /// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, or the variables named
    /// `accessKeyVariable` / `secretKeyVariable` instead of the first two.
    ///
    /// - Throws: ``S3Error`` (`.credentialsMissing`) naming the variables that are unset; never their values.
    public static func fromEnvironment(
        _ environment: [String: String], accessKeyVariable: String = "AWS_ACCESS_KEY_ID",
        secretKeyVariable: String = "AWS_SECRET_ACCESS_KEY"
    ) throws -> S3Credentials {
        guard let access = environment[accessKeyVariable], !access.isEmpty,
            let secret = environment[secretKeyVariable], !secret.isEmpty
        else {
            throw S3Error(
                .credentialsMissing,
                message: "set \(accessKeyVariable) and \(secretKeyVariable) in the environment")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return S3Credentials(accessKeyId: access, secretAccessKey: secret, sessionToken: token)
    }

    /// Reads profile `profile` of an AWS-style credentials file (`[name]` sections of
    /// `aws_access_key_id = …`, `aws_secret_access_key = …`, optional `aws_session_token = …`).
    ///
    /// - Throws: ``S3Error`` (`.credentialsMissing`) naming the file, the profile and the line of a
    ///   malformed entry, never a value.
    public static func fromFile(_ path: String, profile: String = "default") throws -> S3Credentials {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw S3Error(.credentialsMissing, message: "cannot read the credentials file \(path)")
        }
        var section: String?
        var values: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw S3Error(.credentialsMissing, message: "\(path):\(index + 1): malformed section header")
                }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard section == profile else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw S3Error(.credentialsMissing, message: "\(path):\(index + 1): expected 'name = value'")
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            values[name] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        guard let access = values["aws_access_key_id"], !access.isEmpty,
            let secret = values["aws_secret_access_key"], !secret.isEmpty
        else {
            throw S3Error(
                .credentialsMissing,
                message: "\(path): profile '\(profile)' needs aws_access_key_id and aws_secret_access_key")
        }
        return S3Credentials(accessKeyId: access, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}
