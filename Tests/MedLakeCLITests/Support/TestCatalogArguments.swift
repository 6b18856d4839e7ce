import Catalog
import Foundation
import TestSupport

/// What a `medlake` process the tests run needs for its lake's catalog to be where ``TestCatalog`` says.
///
/// On SQLite nothing changes. With `MEDLAKE_TEST_CATALOG=postgres`, an `init` that names no `--catalog` gets
/// a fresh schema of the test server (``TestLakeCatalogs``) and the password as production gives it: a
/// personal lake records a `--catalog-password-file` its creator owns; a served lake (`--service-user`,
/// which takes no password file) is made by root reading the password from `$MEDLAKE_CATALOG_PASSWORD_FILE`,
/// and its `serve` (and its account, running a command on it in-process) reads it from a file the lake's
/// service account owns.
enum TestCatalogArguments {
    /// `arguments` and `environment` for a process run as `user` (root when nil) in `directory`.
    static func adding(
        to arguments: [String], as user: String?, environment: [String: String], in directory: String?
    ) throws -> ([String], [String: String]) {
        guard TestCatalog.current == .postgres else { return (arguments, environment) }
        let variable = PostgresCatalogLocation.passwordFileVariable
        if arguments.first == "init" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-"), !arguments.contains("--catalog") else {
                return (arguments, environment)
            }
            let lake = directory.map { arguments[1].hasPrefix("/") ? arguments[1] : $0 + "/" + arguments[1] } ?? arguments[1]
            let postgres = try TestLakeCatalogs.newSchema(forLake: lake)
            guard arguments.contains("--service-user") else {
                let file = try TestLakeCatalogs.passwordFile(postgres, owner: try uid(of: user))
                return (arguments + ["--catalog", postgres.url, "--catalog-password-file", file], environment)
            }
            let file = try TestLakeCatalogs.passwordFile(postgres, owner: 0)
            return (arguments + ["--catalog", postgres.url], environment.merging([variable: file]) { old, _ in old })
        }
        // A served lake records no password file: its service (`serve` may come after `prlimit`'s own
        // arguments, see ``LakeServiceProcess``) and its account's in-process commands read one the account owns.
        guard let index = arguments.firstIndex(of: "--lake"), index + 1 < arguments.count,
            let postgres = TestLakeCatalogs.postgres(forLake: arguments[index + 1])
        else { return (arguments, environment) }
        let configuration = arguments[index + 1] + "/lake.toml"
        var status = stat()
        guard stat(configuration, &status) == 0,
            let text = try? String(contentsOfFile: configuration, encoding: .utf8), !text.contains("password_file ="),
            arguments.contains("serve") || (try? uid(of: user)) == status.st_uid
        else { return (arguments, environment) }
        let file = try TestLakeCatalogs.passwordFile(postgres, owner: status.st_uid)
        return (arguments, environment.merging([variable: file]) { old, _ in old })
    }

    /// The uid of the user named `user` (root when nil).
    private static func uid(of user: String?) throws -> uid_t {
        guard let user else { return 0 }
        guard let entry = getpwnam(user) else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: user]) }
        return entry.pointee.pw_uid
    }
}
