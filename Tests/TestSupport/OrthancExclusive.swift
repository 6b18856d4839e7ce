import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs each test of a suite holding an exclusive lock on the one Orthanc the tests share
/// (`MEDLAKE_TEST_ORTHANC_URL`), taken with `flock` on a file every test process sees.
///
/// Tests against Orthanc count what a pull brings, and some empty the server first: two suites using it
/// at once (in one `swift test` run, or two runs on one machine) would see each other's instances.
/// `.serialized` orders the tests of one suite only; this orders every test that uses the server.
public struct OrthancExclusive: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        // In /tmp, not $TMPDIR: every test process on the machine must find the same file.
        let descriptor = open("/tmp/medlake-test-orthanc.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot open the Orthanc test lock"])
        }
        defer { close(descriptor) }
        // flock blocks its thread until the other holder is done: wait on a thread of its own.
        await withCheckedContinuation { (locked: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
                locked.resume()
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        try await function()
    }
}

extension Trait where Self == OrthancExclusive {
    /// Each test holds the shared Orthanc test server to itself (``OrthancExclusive``).
    public static var orthancExclusive: Self { Self() }
}
