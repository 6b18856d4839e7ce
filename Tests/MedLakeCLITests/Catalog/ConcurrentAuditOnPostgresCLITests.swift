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
        let lake = try PostgresCLILake("audit-pg")
        defer { lake.remove() }
        try lake.ingestOneFile(into: "d1")

        // Each writer is its own series of processes; the two series run side by side.
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            for index in 0..<Self.flagsPerWriter {
                let note = Self.note(writer: writer, index: index)
                do {
                    let added = try lake.run(["flags", "add", "d1", "needs-review", "--note", note])
                    if added.status != 0 { failures.add("\(note): status \(added.status): \(added.stderr)") }
                } catch {
                    failures.add("\(note): \(error)")
                }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")

        try lake.expectAuditIntact()
        let listed = try lake.run(["audit", "list", "--action", "flag.add", "--json"])
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
