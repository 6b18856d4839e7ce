import Foundation
import Testing

@testable import LakeEngine

#if canImport(Glibc)
import Glibc
#endif

/// Naming a uid from the password database: an entry larger than the first buffer is still found, a
/// lookup that fails is a system error (500), and only a uid with no entry is an unknown user (401).
struct IdentityLookupTests {
    @Test func anEntryLargerThanTheFirstBufferIsFoundByGrowingIt() throws {
        let me = try Identity.current()
        let found = try Identity.user(uid: me.uid, buffer: 8, bufferLimit: Identity.maximumEntrySize)
        #expect(found.user == me.user && found.uid == me.uid)
    }

    @Test func aLookupThatFailsIsASystemErrorNotAnUnknownUser() throws {
        // The real getpwuid_r answers ERANGE when the entry does not fit: a failed lookup, not a missing entry.
        let failure = try #require(throws: LakeError.self) {
            try Identity.user(uid: geteuid(), buffer: 8, bufferLimit: 8)
        }
        guard case .system(let operation, _, let code) = failure else {
            Issue.record("expected a system error, got \(failure)")
            return
        }
        #expect(operation == "getpwuid_r" && code == ERANGE)
        let problem = ProblemDetails(EngineFailure(failure))
        #expect(problem.code == .systemError && problem.status == 500)
    }

    @Test func aUIDWithoutAnEntryIsAnUnknownUser() throws {
        let unused = try #require((60_000..<65_000).first { getpwuid(uid_t($0)) == nil }.map(UInt32.init))
        let failure = try #require(throws: LakeError.self) { try Identity.user(uid: unused) }
        guard case .unknownUser(let uid) = failure else {
            Issue.record("expected an unknown user, got \(failure)")
            return
        }
        #expect(uid == unused)
        let problem = ProblemDetails(EngineFailure(failure))
        #expect(problem.code == .unknownUser && problem.status == 401)
    }
}
