import Catalog
import Foundation
import Synchronization
import TestSupport
import Testing

/// Two writers appending to one PostgreSQL-backed lake at once, through the real binary: every audit event
/// is there once, linked into one chain that `audit verify` accepts (issue #17 item 3: the audit append
/// holds its own advisory lock, so appends keep one total order across processes and hosts).
@Suite(.serialized, .enabled(if: TestPostgres.available)) struct ConcurrentAuditOnPostgresCLITests {
    /// How many flags each writer raises, one `medlake flags add` process after another.
    static let flagsPerWriter = 12

    @Test func twoWritersAppendingAtOnceKeepOneIntactChain() throws {
        let base = NSTemporaryDirectory() + "audit-pg-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base + "/input", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let lake = base + "/lake"
        let environment = postgres.passwordEnvironment
        let created = try MedLakeProcess.run(["init", lake, "--catalog", postgres.url], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        try Data("payload".utf8).write(to: URL(fileURLWithPath: base + "/input/a.bin"))
        let ingested = try MedLakeProcess.run(
            ["ingest", base + "/input", "--dataset", "d1", "--keep-unknown", "--lake", lake], environment: environment)
        #expect(ingested.status == 0, "\(ingested.stderr)")

        // Each writer is its own series of processes; the two series run side by side.
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            for index in 0..<Self.flagsPerWriter {
                let note = Self.note(writer: writer, index: index)
                do {
                    let added = try MedLakeProcess.run(
                        ["flags", "add", "d1", "needs-review", "--note", note, "--lake", lake], environment: environment)
                    if added.status != 0 { failures.add("\(note): status \(added.status): \(added.stderr)") }
                } catch {
                    failures.add("\(note): \(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")

        let verified = try MedLakeProcess.run(["audit", "verify", "--lake", lake], environment: environment)
        #expect(verified.status == 0 && verified.stdout.contains("Audit log intact"), "\(verified.stdout)\(verified.stderr)")
        let listed = try MedLakeProcess.run(
            ["audit", "list", "--action", "flag.add", "--json", "--lake", lake], environment: environment)
        #expect(listed.status == 0, "\(listed.stderr)")
        for writer in 0..<2 {
            for index in 0..<Self.flagsPerWriter {
                let note = Self.note(writer: writer, index: index)
                #expect(listed.stdout.components(separatedBy: note).count - 1 == 1, "\(note) in \(listed.stdout.prefix(400))")
            }
        }
    }

    /// A note no other note contains.
    private static func note(writer: Int, index: Int) -> String {
        "writer\(writer)-flag\(index)-end"
    }
}

/// Failures collected from several threads.
private final class Failures: Sendable {
    private let list = Mutex<[String]>([])

    func add(_ failure: String) { list.withLock { $0.append(failure) } }

    var all: [String] { list.withLock { $0 } }
}
