import ArgumentParser
import Foundation
import LakeEngine

/// `medlake catalog copy --to postgres://…`: move a lake's SQLite catalog to PostgreSQL.
struct CatalogCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the lake's SQLite catalog into an empty PostgreSQL catalog and switch lake.toml to it.",
        discussion: """
            Copies every table in one PostgreSQL transaction with ids kept, checks each table's row count and \
            that the copy's audit chain verifies and ends where the lake's does, then names the catalog in \
            lake.toml ([catalog] url) before committing. catalog.sqlite is kept as \
            catalog.sqlite.copied-<UTC time>, never deleted. Refuses a PostgreSQL catalog holding any row. \
            The password is never in lake.toml: $MEDLAKE_CATALOG_PASSWORD, or --password-file (recorded as \
            [catalog] password_file; owned by the lake's owner, mode 0600). Stop the lake's service and \
            workers first. Admin and the lake's owner only; audited as catalog.copy.
            """)

    @OptionGroup var options: LakeOptions

    @Option(
        help: ArgumentHelp(
            "The PostgreSQL catalog: postgres://USER@HOST[:PORT]/DATABASE[?schema=NAME] (no password).",
            valueName: "url"))
    var to: String

    @Option(
        help: ArgumentHelp(
            "A file holding the catalog's password (mode 0600, owned by the lake's owner).", valueName: "file"))
    var passwordFile: String?

    func run() throws {
        try reportingFailures {
            let file = passwordFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            let report = try options.open().copyCatalog(to: to, passwordFile: file)
            if options.json { return try printJSON(report) }
            var table = TextTable("TABLE", "ROWS")
            for count in report.tables { table.add(count.table, String(count.rows)) }
            print(table.render(empty: "No tables."))
            print("Audit log intact on the copy: \(report.auditEvents) events, head \(report.auditHead).")
            print("lake.toml now names \(safe(report.url)); the SQLite catalog is kept as \(safe(report.keptCatalog)).")
        }
    }
}
