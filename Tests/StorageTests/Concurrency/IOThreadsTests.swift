import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking file reads run on ``IOThreads``, never on Swift's cooperative threads (one per core on Linux,
/// never more): readers stuck on a file leave every other task free to run.
///
/// Each reader opens a FIFO that nobody writes, so its `open` blocks for as long as the test wants (a disk
/// that does not answer). More readers than cores are started; a task started after them must still run
/// to its end. Were the reads on the cooperative threads, nothing else could run until a watchdog thread
/// releases the FIFOs after a generous bound, and the test fails (it never hangs).
@Suite struct IOThreadsTests {
    /// More readers than there are cooperative threads.
    static let readers = ProcessInfo.processInfo.activeProcessorCount * 2 + 2

    @Test func streamedUploadBodiesWaitingOnTheDiskLeaveTheCooperativeThreadsFree() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = try (0..<Self.readers).map { try Self.makeFIFO(folder + "/part-\($0)") }
        let free = try await Self.otherTasksRun(whileReading: paths) { path in
            let body = FileRegionSequence(path: path, offset: 0, length: 1 << 20).makeAsyncIterator()
            _ = try await body.next()
        }
        #expect(free, "a task started after the readers ran only once their files were released")
    }

    @Test func reHashingObjectsWaitingOnTheDiskLeavesTheCooperativeThreadsFree() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tier = FileSystemTier(name: "hot", root: folder)
        try tier.prepare()
        var digests: [String: ObjectDigest] = [:]
        for index in 0..<Self.readers {
            let digest = ContentHasher.digest(of: Array("object \(index)".utf8))
            try FileManager.default.createDirectory(atPath: tier.folder(of: digest), withIntermediateDirectories: true)
            digests[try Self.makeFIFO(tier.path(of: digest))] = digest
        }
        let free = try await Self.otherTasksRun(whileReading: Array(digests.keys)) { [digests] path in
            guard let digest = digests[path] else { return }
            _ = try await tier.verify(digest)
        }
        #expect(free, "a task started after the re-hashes ran only once their files were released")
    }

    // MARK: - Helpers

    /// Starts `read` on each of `paths` (FIFOs whose `open` blocks), then runs tasks that need a cooperative
    /// thread; returns whether they ran before a watchdog released the FIFOs (2 minutes at the latest).
    private static func otherTasksRun(
        whileReading paths: [String], _ read: @escaping @Sendable (String) async throws -> Void
    ) async throws -> Bool {
        let progress = Progress()
        let ran = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread {
            if ran.wait(timeout: .now() + 120) == .timedOut { progress.stalled.store(true, ordering: .relaxed) }
            // A writer's open releases a reader blocked in its open; the reader then sees the end of the
            // pipe once the writer closes. Unlinking first sends a reader that had not opened yet to ENOENT.
            for path in paths {
                let descriptor = open(path, O_RDWR | O_CLOEXEC)
                unlink(path)
                if descriptor >= 0 { close(descriptor) }
            }
            released.signal()
        }.start()
        await withTaskGroup(of: Void.self) { group in
            for path in paths {
                group.addTask {
                    progress.started.add(1, ordering: .relaxed)
                    try? await read(path)
                }
            }
            while progress.started.load(ordering: .relaxed) < paths.count { await Task.yield() }
            for _ in 0..<8 { await Task.detached { await Task.yield() }.value }
            ran.signal()
        }
        released.wait()
        return !progress.stalled.load(ordering: .relaxed)
    }

    /// What the readers and the watchdog share.
    private final class Progress: Sendable {
        let started = Atomic<Int>(0)
        let stalled = Atomic<Bool>(false)
    }

    private static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "io-threads-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func makeFIFO(_ path: String) throws -> String {
        guard mkfifo(path, 0o600) == 0 else { throw StorageError(operation: "mkfifo", path: path, errno: errno) }
        return path
    }
}
