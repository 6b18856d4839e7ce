import Foundation

/// Where a PostgreSQL catalog lives: `postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME][&sslmode=require|disable]`.
///
/// A catalog is one schema of the database (`public` unless `schema=` names another, which the first opener
/// creates), so several lakes can share a database; its tables, ledger and write lock are its own.
/// The URL never carries the password (it is stored in `lake.toml`, which the lake's users read): the
/// password comes from ``password(environment:defaultFile:)``. TLS is required off loopback (as for the lake
/// service); on 127.0.0.1, `::1` and `localhost` it is off unless `sslmode=require` asks for it.
///
/// ```swift
/// let location = try PostgresCatalogLocation(url: "postgres://medlake@db.example:5432/lake")
/// let store = try CatalogStore(postgres: location, password: try location.password(defaultFile: nil))
/// ```
public struct PostgresCatalogLocation: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    /// The schema holding the catalog's tables: lower-case letters, digits and `_`, not starting with a digit.
    public var schema: String
    /// Whether the connection must use TLS.
    public var requiresTLS: Bool

    /// The environment variable holding the password itself.
    public static let passwordVariable = "MEDLAKE_CATALOG_PASSWORD"
    /// The environment variable naming a file that holds the password.
    public static let passwordFileVariable = "MEDLAKE_CATALOG_PASSWORD_FILE"

    /// Parses `url`.
    /// - Throws: ``CatalogError/badCatalogURL(url:reason:)`` naming what is wrong: another scheme, a password
    ///   in the URL, no user, host or database, an option other than `schema` and `sslmode`, a schema name
    ///   other than lower-case letters, digits and `_`, or TLS turned off off loopback.
    public init(url: String) throws {
        func bad(_ reason: String) -> CatalogError { .badCatalogURL(url: Self.redacted(url), reason: reason) }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else { throw bad("expected postgres://USER@HOST[:PORT]/DATABASE") }
        guard components.password == nil else {
            throw bad("the URL must not hold the password: set \(Self.passwordVariable) or a password file")
        }
        guard let user = components.user, !user.isEmpty else { throw bad("no user (postgres://USER@HOST/DATABASE)") }
        guard let host = components.host, !host.isEmpty else { throw bad("no host") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw bad("no database (postgres://USER@HOST/DATABASE)") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw bad("port \(port) is out of range") }
        let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
        var requiresTLS = !loopback
        var schema = "public"
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("schema", let name?):
                guard let first = name.unicodeScalars.first, !("0"..."9").contains(first),
                    name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }),
                    name.count <= 63
                else { throw bad("schema \(name): use lower-case letters, digits and _ (at most 63)") }
                schema = name
            case ("sslmode", "require"): requiresTLS = true
            case ("sslmode", "disable") where loopback: requiresTLS = false
            case ("sslmode", "disable"): throw bad("TLS is required for a catalog off loopback")
            default: throw bad("unknown option \(item.name) (only schema=NAME and sslmode=require|disable)")
            }
        }
        self.user = user.removingPercentEncoding ?? user
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.database = database.removingPercentEncoding ?? database
        self.schema = schema
        self.requiresTLS = requiresTLS
    }

    /// The URL without a password, for messages and `lake.toml`.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let options = schema == "public" ? "" : "?schema=\(schema)"
        return "postgres://\(user)@\(host):\(port)/\(database)\(options)"
    }

    /// `url` with anything between `://` and `@` cut to the user, so an error never shows a password.
    private static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return url.replacingCharacters(in: colon..<at, with: ":…")
    }
}

// MARK: - Password

extension PostgresCatalogLocation {
    /// The password to log in with: ``passwordVariable`` when set, else the file ``passwordFileVariable``
    /// names, else `defaultFile` (a lake keeps its catalog password beside `lake.toml`) when it exists; nil
    /// when none is given (the server then decides: trust or peer authentication).
    ///
    /// A password file must be a regular file (not a link) owned by this process's user, with no access for
    /// group or others (`0600` or `0400`), as `~/.pgpass` must: a password others could read or swap is
    /// refused rather than used. One trailing newline is dropped.
    /// - Throws: ``CatalogError/badPasswordFile(path:reason:)``.
    public func password(
        environment: [String: String] = ProcessInfo.processInfo.environment, defaultFile: String?
    ) throws -> String? {
        let file = defaultFile.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        return try password(environment: environment, file: file, owner: geteuid())
    }

    /// The password to log in with: ``passwordVariable`` when set, else the file ``passwordFileVariable``
    /// names (owned by this process's user), else `file`, which must exist and be owned by `owner` (a lake's
    /// `[catalog] password_file` belongs to the lake's owner, whoever opens the lake: root acting on a
    /// service's lake reads the service account's file, never one an attacker made); nil when none is given.
    ///
    /// Every password file must be a regular file (not a link) with no access for group or others (`0600`
    /// or `0400`), as `~/.pgpass` must: a password others could read or swap is refused rather than used.
    /// - Throws: ``CatalogError/badPasswordFile(path:reason:)``.
    public func password(environment: [String: String], file: String?, owner: uid_t) throws -> String? {
        if let password = environment[Self.passwordVariable] { return password }
        if let path = environment[Self.passwordFileVariable] { return try Self.readPasswordFile(path, owner: geteuid()) }
        return try file.map { try Self.readPasswordFile($0, owner: owner) }
    }

    /// The password in the file at `path`, which must be a regular file owned by `owner` with no access for
    /// group or others.
    /// - Throws: ``CatalogError/badPasswordFile(path:reason:)`` naming what is wrong, never the contents.
    public static func readPasswordFile(_ path: String, owner: uid_t) throws -> String {
        func bad(_ reason: String) -> CatalogError { .badPasswordFile(path: path, reason: reason) }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw bad(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw bad(String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw bad("not a regular file") }
        guard status.st_uid == owner else { throw bad("owned by uid \(status.st_uid), not by uid \(owner)") }
        guard status.st_mode & 0o077 == 0 else {
            throw bad("group or others can access it (mode \(String(status.st_mode & 0o777, radix: 8))): chmod 600 it")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            guard count >= 0 else { throw bad(String(cString: strerror(errno))) }
            if count == 0 { break }
            bytes += chunk[0..<count]
            guard bytes.count <= 65536 else { throw bad("larger than 64 KiB: not a password") }
        }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw bad("empty") }
        guard let password = String(bytes: bytes, encoding: .utf8) else { throw bad("not UTF-8") }
        return password
    }
}
