import Synchronization

/// Which reads through a grant this open lake has already audited, so a screen that redraws does not write a
/// `dataset.read` event per redraw.
///
/// The rule: a read through a grant is audited once per dataset and grant for each ``Lake`` instance, that is
/// per process session (a CLI command, a workbench run). The first read's purpose is the one recorded. A new
/// grant, or a new process, audits again. Being per instance rather than per minute keeps the count
/// independent of the clock, and an idle workbench never writes. Thread-safe.
final class GrantedReadLog: Sendable {
    /// A dataset read through one grant.
    struct Read: Hashable, Sendable {
        var dataset: String
        var grant: Int64
    }

    private let audited = Mutex<Set<Read>>([])

    /// The reads of `reads` not audited yet in this session, now marked as audited.
    ///
    /// Marking before the write means two threads reading at once audit a read once; a caller whose write
    /// fails hands the reads back with ``release(_:)`` so a later read audits them.
    func claim(_ reads: [Read]) -> [Read] {
        audited.withLock { audited in reads.filter { audited.insert($0).inserted } }
    }

    /// Forgets `reads`, whose audit event could not be written.
    func release(_ reads: [Read]) {
        audited.withLock { audited in
            for read in reads { audited.remove(read) }
        }
    }
}
