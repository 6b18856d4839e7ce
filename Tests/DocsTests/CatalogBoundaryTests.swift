import Foundation
import Testing

/// The catalog owns its SQL: no source file outside `Sources/Catalog` imports GRDB, so every statement
/// goes through `CatalogStore` and its request methods (the seam a second store plugs into).
@Suite struct CatalogBoundaryTests {
    @Test("No file under Sources/ outside Sources/Catalog imports GRDB")
    func onlyCatalogImportsGRDB() throws {
        let root = GeneratedDocsTests.root
        let sources = root + "/Sources"
        let files = (FileManager.default.subpaths(atPath: sources) ?? []).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100, "the scan found too few sources under \(sources)")
        var importing: Set<String> = []
        for file in files where !file.hasPrefix("Catalog/") {
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            if text.split(separator: "\n").contains(where: Self.importsGRDB) { importing.insert("Sources/" + file) }
        }
        #expect(importing.sorted() == [], "these files import GRDB: move their SQL into Catalog")
    }

    /// The module graph in docs/ARCHITECTURE.md, which `GeneratedDocsTests` keeps equal to Package.swift.
    @Test("Among Sources/ modules only Catalog depends on GRDB (tests may, to tamper as attackers do)")
    func onlyCatalogDependsOnGRDB() throws {
        let text = try String(contentsOfFile: GeneratedDocsTests.root + "/docs/ARCHITECTURE.md", encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count > 10, "the module table of docs/ARCHITECTURE.md was not found")
        let depending = rows.filter { $0.contains("GRDB") && !$0.contains("tests only") }
            .compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) }
        #expect(depending == ["Catalog"])
    }

    /// Whether `line` imports GRDB or one of its declarations, in any spelling Swift accepts:
    /// `import GRDB`, `@preconcurrency import GRDB`, `public import GRDB`, `import struct GRDB.Row`.
    static func importsGRDB(_ line: Substring) -> Bool {
        let words = line.split(whereSeparator: \.isWhitespace)
        let modifiers: Set<Substring> = ["public", "package", "internal", "fileprivate", "private"]
        guard let index = words.firstIndex(of: "import"),
            words[..<index].allSatisfy({ $0.hasPrefix("@") || modifiers.contains($0) })
        else { return false }
        return words[(index + 1)...].contains { $0 == "GRDB" || $0.hasPrefix("GRDB.") }
    }

    @Test("The import scan sees every spelling of an import", arguments: [
        ("import GRDB", true), ("@preconcurrency import GRDB", true), ("public import GRDB", true),
        ("import struct GRDB.Row", true), ("import GRDBQuery", false), ("// import GRDB", false),
        ("import Catalog", false),
    ])
    func scanSeesImports(line: String, imports: Bool) {
        #expect(Self.importsGRDB(Substring(line)) == imports)
    }
}
