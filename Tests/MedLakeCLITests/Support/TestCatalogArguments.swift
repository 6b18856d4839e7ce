import Catalog
import Foundation
import TestSupport

/// What a `medlake` process the tests run needs for its lake's catalog to be where ``TestCatalog`` says.
///
/// On SQLite nothing changes. With `MEDLAKE_TEST_CATALOG=postgres`, an `init` that names no `--catalog` gets
/// a fresh schema of the test server (``TestLakeCatalogs``) and the password as production gives it: a
/// personal lake records a `--catalog-password-file` its creator owns; a served lake (`--service-user`,
/// which takes no password file) is made by root reading the password from `$MEDLAKE_CATALOG_PASSWORD_FILE`,
/// and its `serve` reads it from a file the lake's service account owns.
enum TestCatalogArguments {
    /// `arguments` and `environment` for a process run as `user` (root when nil) in `directory`.
    static func adding(
        to arguments: [String], as user: String?, environment: [String: String], in directory: String?
    ) throws -> ([String], [String: String]) {
        guard TestCatalog.current == .postgres else { return (arguments, environment) }
        let variable = PostgresCatalogLocation.passwordFileVariable
        // `serve` may come after `prlimit`'s own arguments (``LakeServiceProcess``).
        switch arguments.first == "init" ? "init" : arguments.contains("serve") ? "serve" : "" {
        case "init":
            guard arguments.count > 1, !arguments[1].hasPrefix("-"), !arguments.contains("--catalog") else { break }
            let lake = directory.map { arguments[1].hasPrefix("/") ? arguments[1] : $0 + "/" + arguments[1] } ?? arguments[1]
            let postgres = try TestLakeCatalogs.newSchema(forLake: lake)
            guard arguments.contains("--service-user") else {
                let file = try TestLakeCatalogs.passwordFile(postgres, owner: try uid(of: user))
                return (arguments + ["--catalog", postgres.url, "--catalog-password-file", file], environment)
            }
            let file = try TestLakeCatalogs.passwordFile(postgres, owner: 0)
            return (arguments + ["--catalog", postgres.url], environment.merging([variable: file]) { old, _ in old })
        case "serve":
            guard let index = arguments.firstIndex(of: "--lake"), index + 1 < arguments.count,
                let postgres = TestLakeCatalogs.postgres(forLake: arguments[index + 1])
            else { break }
            var status = stat()
            guard stat(arguments[index + 1] + "/lake.toml", &status) == 0 else { break }
            let file = try TestLakeCatalogs.passwordFile(postgres, owner: status.st_uid)
            return (arguments, environment.merging([variable: file]) { old, _ in old })
        default: break
        }
        return (arguments, environment)
    }

    /// The uid of the user named `user` (root when nil).
    private static func uid(of user: String?) throws -> uid_t {
        guard let user else { return 0 }
        guard let entry = getpwnam(user) else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: user]) }
        return entry.pointee.pw_uid
    }
}
