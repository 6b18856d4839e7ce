import Foundation
import Synchronization
import Testing

/// 200 client processes — real Unix users through `runuser`, each a fresh `medlake datasets --json` —
/// call one `medlake serve` over its socket, back to back, for 60 seconds (`MEDLAKE_SERVICE_LOAD_SECONDS`
/// changes the span; the issue asks for 60).
///
/// One client in ten raises a flag instead (`flags add`), so writes, their audit events and the keyed
/// head checkpoint race the reads and each other. Every request must be answered, correctly and without
/// an error; every flag raised must be listed once and the audit chain verify. How fast is printed (p50
/// and p99 of one `datasets --json`, start to exit) but never asserted: CI runs this on a loaded two-core machine. The wait
/// for the last client is bounded (ten minutes past the span), so a hung service fails the test.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceLoadCLITests {
    static let clients = 200
    static let seconds = Double(ProcessInfo.processInfo.environment["MEDLAKE_SERVICE_LOAD_SECONDS"] ?? "") ?? 60

    /// What the clients saw, shared by their threads.
    private struct Tally {
        var latencies: [Double] = []
        var started = 0
        var answered = 0
        var flagsRaised = 0
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
            let writer = client % 10 == 9
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                while Date() < end {
                    tally.withLock { $0.started += 1 }
                    let start = DispatchTime.now().uptimeNanoseconds
                    let arguments = writer
                        ? ["flags", "add", "ct", "needs-review", "--note", "load \(client)", "--json"] : ["datasets", "--json"]
                    let outcome = Result { try MedLakeProcess.run(arguments + ["--lake", lake], as: user, binary: binary) }
                    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    let failure = writer ? Self.flagFailure(of: outcome) : Self.listingFailure(of: outcome)
                    tally.withLock { tally in
                        tally.answered += 1
                        if writer { tally.flagsRaised += failure == nil ? 1 : 0 } else { tally.latencies.append(milliseconds) }
                        if let failure { tally.failures.append("client \(client): \(failure)") }
                    }
                }
            }
            thread.start()
        }
        let waited = finished.wait(timeout: .now() + Self.seconds + 600)
        let seen = tally.withLock { $0 }
        try #require(waited == .success, "clients still waiting after the span and ten minutes: \(seen.started - seen.answered)")

        #expect(seen.failures.isEmpty, "\(seen.failures.count) failed, first: \(seen.failures.prefix(5))")
        #expect(seen.answered == seen.started && seen.started >= Self.clients)
        let flags = try MedLakeProcess.run(
            ["flags", "list", "--code", "needs-review", "--json", "--lake", lake], as: served.alice, binary: binary)
        let listed = try JSONSerialization.jsonObject(with: Data(flags.stdout.utf8)) as? [Any]
        #expect(listed?.count == seen.flagsRaised && seen.flagsRaised > 0, "\(seen.flagsRaised) raised: \(flags.stderr)")
        let audit = try served.medlake(["audit", "verify"], as: served.alice)
        #expect(audit.status == 0 && audit.stdout.contains("Audit log intact"), "\(audit.stdout)\(audit.stderr)")
        let sorted = seen.latencies.sorted()
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        var load = [Double](repeating: 0, count: 3)
        _ = getloadavg(&load, 3)
        print(
            "service load: \(Self.clients) clients for \(Int(Self.seconds)) s: \(seen.answered) requests "
                + "(\(seen.flagsRaised) flags raised), \(seen.failures.count) failed; datasets --json p50 \(Int(p50)) ms, p99 \(Int(p99)) ms; "
                + "load average \(String(format: "%.2f", load[0]))")
    }

    /// 200 connections open on the socket at once (all connected before the first request), each
    /// asking for the dataset listing five times over the same kept-alive connection: every request is
    /// answered 200 with the listing, and no connection is dropped.
    @Test func twoHundredOpenConnectionsAreServedAtOnce() throws {
        let served = try ServedLake()
        try Self.allowDescriptors(Self.clients * 2 + 64)
        let connections = try (0..<Self.clients).map { _ in try SocketConnection(path: served.socket) }
        for round in 0..<5 {
            for connection in connections { try connection.send("GET /v1/datasets HTTP/1.1\r\nHost: lake\r\n\r\n") }
            for (index, connection) in connections.enumerated() {
                let (status, body) = try connection.receiveResponse()
                #expect(status == 200 && body.contains("\"name\":\"ct\""), "round \(round), connection \(index): \(status) \(body.prefix(200))")
            }
        }
    }

    /// A service allowed only 64 open files (its hard limit: it cannot raise it) and 200 callers at
    /// once, each asking once and closing: it holds 32 connections open at a time and the others wait
    /// in the backlog, so every caller is answered with the listing. (Accepting them all, it ran out of
    /// descriptors: some callers were told they were unknown users, since `/etc/passwd` could not be
    /// opened, and the rest were never answered while the service spun on `accept`.)
    @Test func aServiceShortOfDescriptorsMakesCallersWaitInsteadOfFailing() throws {
        let served = try ServedLake()
        served.stop()
        try served.start(openFiles: 64)
        let connections = try (0..<Self.clients).map { _ in try SocketConnection(path: served.socket) }
        for connection in connections {
            try connection.send("GET /v1/datasets HTTP/1.1\r\nHost: lake\r\nConnection: close\r\n\r\n")
        }
        for (index, connection) in connections.enumerated() {
            let (status, body) = try connection.receiveResponse()
            #expect(status == 200 && body.contains("\"name\":\"ct\""), "connection \(index): \(status) \(body.prefix(200))")
            connection.close()
        }
    }

    /// Why a `flags add --json` run failed, or nil when it printed the new flag.
    private static func flagFailure(of outcome: Result<MedLakeProcess.Result, any Error>) -> String? {
        switch outcome {
        case .failure(let error):
            return "could not run: \(error)"
        case .success(let result):
            guard result.status == 0 else { return "status \(result.status): \(result.stderr)" }
            let flag = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return flag?["id"] is Int ? nil : "unexpected flag: \(result.stdout.prefix(200))"
        }
    }

    /// Why a `datasets --json` run failed, or nil when it listed the lake's one dataset.
    private static func listingFailure(of outcome: Result<MedLakeProcess.Result, any Error>) -> String? {
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

/// One HTTP/1.1 connection to a Unix socket, for requests written by hand: a test that needs many
/// connections open at once, which no client library holds on demand.
private final class SocketConnection {
    private let descriptor: Int32
    private var pending = [UInt8]()
    private var closed = false

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(descriptor >= 0, "socket: errno \(errno)")
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(connected == 0, "connect \(path): errno \(errno)")
        // Bounded: a service that never answers fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 300, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    /// Closes the connection (once).
    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(descriptor)
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            try #require(count > 0, "write: errno \(errno)")
            sent += count
        }
    }

    /// Reads one response (headers, then `Content-Length` bytes of body): its status and body.
    func receiveResponse() throws -> (status: Int, body: String) {
        let separator = Array("\r\n\r\n".utf8)
        var end: Int?
        while end == nil {
            end = pending.indices.dropLast(3).first { pending[$0..<($0 + 4)].elementsEqual(separator) }
            if end == nil { try fill() }
        }
        let headerEnd = try #require(end) + 4
        let head = String(decoding: pending[..<headerEnd], as: UTF8.self).lowercased()
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let length = lines.compactMap { line -> Int? in
            guard line.hasPrefix("content-length:") else { return nil }
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        }.first
        let bodyLength = try #require(length, "no Content-Length in \(head)")
        while pending.count < headerEnd + bodyLength { try fill() }
        let body = String(decoding: pending[headerEnd..<(headerEnd + bodyLength)], as: UTF8.self)
        pending.removeFirst(headerEnd + bodyLength)
        return (status, body)
    }

    private func fill() throws {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        try #require(count > 0, "the service closed the connection (read: \(count), errno \(errno))")
        pending.append(contentsOf: buffer[..<count])
    }
}
