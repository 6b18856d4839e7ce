import Foundation
import Synchronization
import Testing

@testable import LakeEngine

/// The probe endpoint on a real socket, asked by curl as a kubelet would ask it.
@Suite struct HealthEndpointTests {
    final class Readiness: Sendable {
        let ready = Atomic<Bool>(true)
    }

    /// curl's status code for `method path`, or its stderr when it could not ask.
    static func status(_ method: String, _ path: String, port: Int) throws -> String {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "60"]
            + (method == "HEAD" ? ["-I"] : ["-X", method]) + ["http://127.0.0.1:\(port)\(path)"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        return text
    }

    @Test func answersLivenessReadinessAndNothingElse() async throws {
        let readiness = Readiness()
        let endpoint = try await HealthEndpoint.start(host: "127.0.0.1", port: 0) {
            readiness.ready.load(ordering: .relaxed)
        }
        #expect(endpoint.port > 0)
        #expect(try Self.status("GET", "/healthz", port: endpoint.port) == "200")
        #expect(try Self.status("GET", "/readyz", port: endpoint.port) == "200")
        #expect(try Self.status("HEAD", "/readyz", port: endpoint.port) == "200")
        #expect(try Self.status("GET", "/healthz?verbose", port: endpoint.port) == "200")
        #expect(try Self.status("GET", "/metrics", port: endpoint.port) == "404")
        #expect(try Self.status("POST", "/healthz", port: endpoint.port) == "405")

        readiness.ready.store(false, ordering: .relaxed)
        #expect(try Self.status("GET", "/readyz", port: endpoint.port) == "503", "a stopping worker is not ready")
        #expect(try Self.status("GET", "/healthz", port: endpoint.port) == "200", "but it is alive")

        try await endpoint.stop()
        #expect(try Self.status("GET", "/healthz", port: endpoint.port) == "000", "nothing answers once stopped")
    }

    @Test func aPortInUseIsAnError() async throws {
        let first = try await HealthEndpoint.start(host: "127.0.0.1", port: 0) { true }
        await #expect(throws: (any Error).self) {
            let second = try await HealthEndpoint.start(host: "127.0.0.1", port: first.port) { true }
            try await second.stop()
        }
        try await first.stop()
    }
}
