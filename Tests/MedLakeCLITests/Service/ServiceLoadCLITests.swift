import Foundation
import Synchronization
import Testing

/// 200 client processes — real Unix users through `runuser`, each a fresh `medlake datasets --json` —
/// call one `medlake serve` over its socket, back to back, for 60 seconds (`MEDLAKE_SERVICE_LOAD_SECONDS`
/// changes the span; the issue asks for 60).
///
/// Every request must be answered, correctly and without an error; how fast is printed (p50 and p99 of
/// one command, start to exit) but never asserted: CI runs this on a loaded two-core machine. The wait
/// for the last client is bounded (ten minutes past the span), so a hung service fails the test.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceLoadCLITests {
    static let clients = 200
    static let seconds = Double(ProcessInfo.processInfo.environment["MEDLAKE_SERVICE_LOAD_SECONDS"] ?? "") ?? 60

    /// What the clients saw, shared by their threads.
    private struct Tally {
        var latencies: [Double] = []
        var started = 0
        var failures: [String] = []
    }

    @Test func twoHundredClientsForAMinuteAreAllAnswered() throws {
        let served = try ServedLake()
        try Self.allowDescriptors(Self.clients * 8)
        let tally = Mutex(Tally())
        let finished = DispatchGroup()
        let end = Date().addingTimeInterval(Self.seconds)
        let (lake, binary) = (served.lake, served.binary)
        for client in 0..<Self.clients {
            let user = client.isMultiple(of: 2) ? served.alice : served.bob
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                while Date() < end {
                    tally.withLock { $0.started += 1 }
                    let start = DispatchTime.now().uptimeNanoseconds
                    let outcome = Result {
                        try MedLakeProcess.run(["datasets", "--json", "--lake", lake], as: user, binary: binary)
                    }
                    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    let failure = Self.failure(of: outcome)
                    tally.withLock { tally in
                        tally.latencies.append(milliseconds)
                        if let failure { tally.failures.append("client \(client): \(failure)") }
                    }
                }
            }
            thread.start()
        }
        let waited = finished.wait(timeout: .now() + Self.seconds + 600)
        let seen = tally.withLock { $0 }
        try #require(waited == .success, "clients still waiting after the span and ten minutes: \(seen.started - seen.latencies.count)")

        #expect(seen.failures.isEmpty, "\(seen.failures.count) failed, first: \(seen.failures.prefix(5))")
        #expect(seen.latencies.count == seen.started && seen.started >= Self.clients)
        let sorted = seen.latencies.sorted()
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        var load = [Double](repeating: 0, count: 3)
        _ = getloadavg(&load, 3)
        print(
            "service load: \(Self.clients) clients for \(Int(Self.seconds)) s: \(sorted.count) requests, "
                + "\(seen.failures.count) failed; datasets --json p50 \(Int(p50)) ms, p99 \(Int(p99)) ms; "
                + "load average \(String(format: "%.2f", load[0]))")
    }

    /// Why a `datasets --json` run failed, or nil when it listed the lake's one dataset.
    private static func failure(of outcome: Result<MedLakeProcess.Result, any Error>) -> String? {
        switch outcome {
        case .failure(let error):
            return "could not run: \(error)"
        case .success(let result):
            guard result.status == 0 else { return "status \(result.status): \(result.stderr)" }
            let listed = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
            guard let names = listed?.compactMap({ $0["name"] as? String }), names == ["ct"] else {
                return "unexpected listing: \(result.stdout.prefix(200))"
            }
            return nil
        }
    }

    /// Raises this process's open-file limit to at least `count` (within the hard limit): each running
    /// client holds pipes here while it starts.
    private static func allowDescriptors(_ count: Int) throws {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        guard limit.rlim_cur < rlim_t(count) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(count))
        try #require(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, "cannot raise the open-file limit")
    }
}
