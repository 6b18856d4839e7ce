/// A growable, contiguous window over a ``ByteProducer``: readers ask for `n` bytes with ``ensure(_:)``,
/// read them through ``pointer``, then ``consume(_:)`` them.
///
/// Why: BAM records and text lines straddle compressed blocks; the window keeps the unread tail and the
/// next block side by side so record walks read memory directly, with no per-record allocation.
/// Memory stays bounded: the buffer grows at most to twice the bytes the producer really delivered, so a
/// corrupted length field cannot trigger a huge allocation, and never beyond ``maximumCapacity``.
/// - warning: **Not thread-safe.**
final class ByteWindow<Producer: ByteProducer> {
    let producer: Producer
    private(set) var storage: UnsafeMutableRawPointer
    private(set) var capacity: Int
    private(set) var start = 0
    private(set) var end = 0
    /// True once the producer reported the end of its stream.
    private(set) var exhausted = false
    /// The stream offset of the first unread byte.
    private(set) var offset: Int64 = 0
    /// The largest window this reader will allocate.
    let maximumCapacity: Int

    /// Creates a window; the buffer starts at `initialCapacity` (at least twice the producer's minimum) and
    /// grows on demand, so small inputs cost small buffers.
    init(_ producer: Producer, initialCapacity: Int = 64 * 1024, maximumCapacity: Int = 512 * 1024 * 1024) {
        self.producer = producer
        self.capacity = max(initialCapacity, producer.minimumCapacity * 2)
        self.maximumCapacity = max(maximumCapacity, self.capacity)
        self.storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// The number of unread bytes in the window.
    @inline(__always) var count: Int { end - start }

    /// The first unread byte.
    @inline(__always) var pointer: UnsafeRawPointer { UnsafeRawPointer(storage + start) }

    /// The unread bytes.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }

    /// Makes at least `needed` unread bytes available; returns false when the stream ends first (the
    /// bytes that did arrive stay in the window).
    @inline(__always) func ensure(_ needed: Int) throws -> Bool {
        if end - start >= needed { return true }
        return try fill(atLeast: needed)
    }

    /// Reads one more chunk from the producer; returns false at the end of the stream.
    func fillMore() throws -> Bool {
        try fill(atLeast: count + 1)
    }

    /// Marks `n` unread bytes as read.
    @inline(__always) func consume(_ n: Int) {
        start += n
        offset += Int64(n)
    }

    private func fill(atLeast needed: Int) throws -> Bool {
        while end - start < needed {
            if exhausted { return false }
            let want = max(producer.minimumCapacity, min(needed - (end - start), 1 << 20))
            if capacity - end < want {
                compact()
                if capacity - end < want { try grow(toHold: end + want) }
            }
            let produced = try producer.produce(into: storage + end, capacity: capacity - end)
            if produced == 0 {
                exhausted = true
                return false
            }
            end += produced
        }
        return true
    }

    private func compact() {
        guard start > 0 else { return }
        let unread = end - start
        if unread > 0 { storage.copyMemory(from: storage + start, byteCount: unread) }
        start = 0
        end = unread
    }

    private func grow(toHold total: Int) throws {
        guard total <= maximumCapacity else {
            throw GenomicsError(.tooLarge, offset: producer.storedOffset,
                                detail: "a record or line needs more than \(maximumCapacity) bytes")
        }
        let newCapacity = min(maximumCapacity, max(total, capacity * 2))
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newStorage.copyMemory(from: storage + start, byteCount: end - start)
        storage.deallocate()
        storage = newStorage
        end -= start
        start = 0
        capacity = newCapacity
    }
}

extension ByteWindow {
    /// Records that `count` bytes were skipped in the producer behind the window's back (seeks), so
    /// ``offset`` stays the stream offset.
    func skipped(_ count: Int64) {
        offset += count
    }
}
