import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thread of a ``ParallelVerifier``: up to two files being read and hashed together.
///
/// Each pass refills the lanes whose buffer ran dry, hashes the bytes both lanes hold in one interleaved
/// call (or one lane's alone), reports progress, books the bytes on the bandwidth limit (a lane that must
/// wait sits out while the other goes on) and finishes the files read to their end. A lane freed takes
/// the next file at once, so both lanes stay busy until the queue is empty.
/// - warning: Not thread-safe; runs on one thread.
final class VerifierLanes: @unchecked Sendable {
    /// Bytes read into a lane per refill: both lanes' buffers stay in a core's L2 cache.
    static let chunkSize = 256 << 10
    /// The longest sleep while every lane waits for the bandwidth limit, so a stop is noticed within it.
    static let longestWait = 0.1

    /// A file being verified in one lane.
    private struct Lane {
        let pending: VerificationQueue.Pending
        let descriptor: Int32
        /// Bytes to read: the file's size when it began (never more than the expected size).
        var target: Int64
        /// Bytes read from the file so far.
        var read: Int64 = 0
        /// Bytes hashed so far.
        var hashed: Int64 = 0
        /// The buffer's bytes read and not yet hashed.
        var start = 0
        var end = 0
        /// When the bandwidth limit lets this lane go on (seconds, reference-date clock).
        var resumeAt = 0.0

        var file: FileVerification { pending.file }
        var unhashed: Int { end - start }
        var isRead: Bool { read >= target }
    }

    private let queue: VerificationQueue
    private let hasher = SHA256Lanes()
    private var lanes: [Lane?] = Array(repeating: nil, count: SHA256Lanes.laneCount)
    private let buffers: [UnsafeMutableRawPointer]

    init(queue: VerificationQueue) {
        self.queue = queue
        buffers = (0..<SHA256Lanes.laneCount).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: Self.chunkSize, alignment: 64)
        }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// Verifies files until the queue is closed and empty.
    func run() {
        while true {
            for index in lanes.indices where lanes[index] == nil {
                let idle = lanes.allSatisfy { $0 == nil }
                guard let pending = queue.take(wait: idle) else {
                    if idle { return }
                    break
                }
                start(pending, in: index)
            }
            if lanes.contains(where: { $0 != nil }) { pass() }
        }
    }

    // MARK: - Lanes

    /// Opens the file for `pending` in lane `index`, or fails it at once.
    private func start(_ pending: VerificationQueue.Pending, in index: Int) {
        let file = pending.file
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return pending.continuation.resume(throwing: StorageError(operation: "open", path: file.path, errno: errno))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            return pending.continuation.resume(throwing: StorageError(operation: "stat", path: file.path, errno: code))
        }
        guard Int64(info.st_size) <= file.size else {
            close(descriptor)
            return pending.continuation.resume(
                throwing: StorageError.hashMismatch(
                    file.digest, actual: nil, size: Int64(info.st_size), expectedSize: file.size))
        }
        // A file read in several chunks is read front to back: a larger readahead keeps the disk ahead.
        if info.st_size > Self.chunkSize { _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL)) }
        hasher.reset(lane: index)
        lanes[index] = Lane(pending: pending, descriptor: descriptor, target: Int64(info.st_size))
    }

    /// One round: refill, stop checks, hashing, finishing; sleeps when every lane waits for the limit.
    private func pass() {
        let now = Date().timeIntervalSinceReferenceDate
        for index in lanes.indices {
            guard let lane = lanes[index] else { continue }
            if lane.file.shouldStop() {
                end(index, throwing: TransferStopped())
            } else if lane.unhashed < SHA256Lanes.blockSize, !lane.isRead {
                refill(index)
            }
        }
        let ready = lanes.indices.filter { index in
            guard let lane = lanes[index] else { return false }
            return lane.resumeAt <= now && lane.unhashed >= SHA256Lanes.blockSize
        }
        if ready.count == 2, let first = lanes[ready[0]], let second = lanes[ready[1]] {
            let blocks = min(first.unhashed, second.unhashed) / SHA256Lanes.blockSize
            hasher.updateBoth(buffers[ready[0]] + first.start, buffers[ready[1]] + second.start, blocks: blocks)
            for index in ready { consume(blocks * SHA256Lanes.blockSize, in: index, now: now) }
        } else if let index = ready.first, let lane = lanes[index] {
            let blocks = lane.unhashed / SHA256Lanes.blockSize
            hasher.update(lane: index, buffers[index] + lane.start, blocks: blocks)
            consume(blocks * SHA256Lanes.blockSize, in: index, now: now)
        }
        // A lane ends once read to its end and past its last wait, as a paced copy does.
        let after = Date().timeIntervalSinceReferenceDate
        for index in lanes.indices {
            guard let lane = lanes[index], lane.isRead, lane.unhashed < SHA256Lanes.blockSize, lane.resumeAt <= after
            else { continue }
            finish(index)
        }
        if ready.isEmpty {
            let resume = lanes.compactMap { $0?.resumeAt }.filter { $0 > now }.min()
            if let resume { Thread.sleep(forTimeInterval: min(resume - now, Self.longestWait)) }
        }
    }

    /// Moves the few unhashed bytes to the front of the lane's buffer and reads after them.
    private func refill(_ index: Int) {
        guard var lane = lanes[index] else { return }
        let buffer = buffers[index]
        if lane.start > 0 {
            buffer.copyMemory(from: buffer + lane.start, byteCount: lane.unhashed)
            lane.end = lane.unhashed
            lane.start = 0
        }
        let wanted = Int(min(Int64(Self.chunkSize - lane.end), lane.target - lane.read))
        var count = 0
        repeat {
            count = pread(lane.descriptor, buffer + lane.end, wanted, off_t(lane.read))
        } while count < 0 && errno == EINTR
        if count < 0 {
            return end(index, throwing: StorageError(operation: "read", path: lane.file.path, errno: errno))
        }
        // A file shorter than when it was opened ends here: its digest and size decide.
        if count == 0 { lane.target = lane.read }
        lane.read += Int64(count)
        lane.end += count
        lanes[index] = lane
    }

    /// Records `bytes` hashed in lane `index`: progress, and the wait the bandwidth limit asks for.
    private func consume(_ bytes: Int, in index: Int, now: Double) {
        guard var lane = lanes[index] else { return }
        lane.start += bytes
        lane.hashed += Int64(bytes)
        lane.file.progress(lane.hashed)
        if let limit = lane.file.limit { lane.resumeAt = now + limit.reserve(bytes, now: now) }
        lanes[index] = lane
    }

    /// Hashes the lane's last partial block and compares size and digest with the expected ones.
    private func finish(_ index: Int) {
        guard let lane = lanes[index] else { return }
        let tail = UnsafeRawBufferPointer(start: buffers[index] + lane.start, count: lane.unhashed)
        let actual = hasher.finalize(lane: index, tail: tail)
        let size = lane.hashed + Int64(lane.unhashed)
        let file = lane.file
        file.progress(size)
        guard size == file.size, actual == file.digest else {
            let mismatch = StorageError.hashMismatch(file.digest, actual: actual, size: size, expectedSize: file.size)
            return end(index, throwing: mismatch)
        }
        end(index, throwing: nil)
    }

    /// Closes the lane's file, frees the lane and resumes the task awaiting the verification.
    private func end(_ index: Int, throwing error: (any Error)?) {
        guard let lane = lanes[index] else { return }
        close(lane.descriptor)
        lanes[index] = nil
        if let error {
            lane.pending.continuation.resume(throwing: error)
        } else {
            lane.pending.continuation.resume()
        }
    }
}
