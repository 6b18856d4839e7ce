import Foundation
import Testing

/// The catalog owns its SQL: no source file outside `Sources/Catalog` imports GRDB, so every statement
/// goes through `CatalogStore` and its request methods (the seam a second store plugs into).
@Suite struct CatalogBoundaryTests {
    /// Files that still speak SQL themselves while the move into `Catalog` is under way (issue #17). The
    /// list must match exactly: a file that stops importing GRDB has to leave it, so it only ever shrinks.
    static let notYetMoved: Set<String> = [
        "Sources/LakeEngine/Ingest/FileIngestor.swift",
        "Sources/LakeEngine/Ingest/IngestBatchWriter.swift",
        "Sources/LakeEngine/Ingest/IngestRun.swift",
        "Sources/LakeEngine/Ingest/Lake+Ingest.swift",
        "Sources/LakeEngine/Integrity/Lake+Fsck.swift",
        "Sources/LakeEngine/Integrity/Lake+RebuildObjects.swift",
        "Sources/LakeEngine/Integrity/Lake+TierIdentity.swift",
        "Sources/LakeEngine/Promotions/Lake+PolicyChecks.swift",
        "Sources/LakeEngine/Promotions/Lake+PromotionExecution.swift",
        "Sources/LakeEngine/Promotions/Lake+Promotions.swift",
        "Sources/LakeEngine/Remote/Lake+RemoteIngest.swift",
        "Sources/LakeEngine/Worker/JobRun+Batch.swift",
        "Sources/LakeEngine/Worker/JobRun+Cleanup.swift",
        "Sources/LakeEngine/Worker/JobRun.swift",
        "Sources/LakeEngine/Worker/LeaseKeeper.swift",
        "Sources/LakeEngine/Worker/MigrationWorker.swift",
    ]

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
        #expect(
            importing.subtracting(Self.notYetMoved).sorted() == [],
            "these files import GRDB: move their SQL into Catalog")
        #expect(
            Self.notYetMoved.subtracting(importing).sorted() == [],
            "these files no longer import GRDB: drop them from notYetMoved")
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
