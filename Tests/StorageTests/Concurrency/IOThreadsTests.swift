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
/// that does not answer). More readers than cores are started; a thread of the test's own then reads the
/// process's threads in `/proc` until as many I/O threads (NIO names a pool's threads `TP-#…`) are blocked
/// in `openat` as there are readers, then releases the FIFOs. Nothing is timed: a loaded machine only makes
/// the readers start later. Were the reads on the cooperative threads, at most one per core could block,
/// none of them an I/O thread, and the count would never be reached; a guard of 15 minutes then ends the
/// test as failed (it never hangs). Serialized: the other test's blocked readers would count too.
@Suite(.serialized) struct IOThreadsTests {
    /// More readers than there are cooperative threads.
    static let readers = ProcessInfo.processInfo.activeProcessorCount * 2 + 2

    @Test func streamedUploadBodiesWaitingOnTheDiskLeaveTheCooperativeThreadsFree() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = try (0..<Self.readers).map { try Self.makeFIFO(folder + "/part-\($0)") }
        let blocked = try await Self.threadsBlocked(whileReading: paths) { path in
            let body = FileRegionSequence(path: path, offset: 0, length: 1 << 20).makeAsyncIterator()
            _ = try await body.next()
        }
        #expect(blocked.filter { $0.hasPrefix("TP-#") }.count >= Self.readers, "threads blocked in open: \(blocked)")
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
        let blocked = try await Self.threadsBlocked(whileReading: Array(digests.keys)) { [digests] path in
            guard let digest = digests[path] else { return }
            _ = try await tier.verify(digest)
        }
        #expect(blocked.filter { $0.hasPrefix("TP-#") }.count >= Self.readers, "threads blocked in open: \(blocked)")
    }

    // MARK: - Helpers

    /// Starts `read` on each of `paths` (FIFOs whose `open` blocks); returns the names of the threads
    /// blocked in `openat` once at least as many I/O threads (`TP-#…`) are, or when the guard of 15 minutes
    /// ends, then releases the FIFOs and waits for the readers to end.
    private static func threadsBlocked(
        whileReading paths: [String], _ read: @escaping @Sendable (String) async throws -> Void
    ) async throws -> [String] {
        let found = Mutex<[String]>([])
        let released = DispatchSemaphore(value: 0)
        Thread {
            let guardEnd = Date().addingTimeInterval(15 * 60)
            var blocked = Self.threadsInOpen()
            while blocked.filter({ $0.hasPrefix("TP-#") }).count < paths.count, Date() < guardEnd {
                Thread.sleep(forTimeInterval: 0.05)
                blocked = Self.threadsInOpen()
            }
            found.withLock { $0 = blocked }
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
                group.addTask { try? await read(path) }
            }
        }
        released.wait()
        return found.withLock { $0 }
    }

    /// The names of this process's threads now blocked in `openat` (from `/proc/self/task/*/syscall`,
    /// whose first field is the number of the system call a blocked thread is in).
    private static func threadsInOpen() -> [String] {
        #if arch(x86_64)
        let openat = "257"
        #else
        let openat = "56"
        #endif
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { task in
            guard let call = try? String(contentsOfFile: "/proc/self/task/\(task)/syscall", encoding: .utf8),
                call.split(separator: " ").first.map(String.init) == openat,
                let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)
            else { return nil }
            return name.trimmingCharacters(in: .whitespacesAndNewlines)
        }
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
