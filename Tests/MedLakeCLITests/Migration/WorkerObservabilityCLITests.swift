import Catalog
import Foundation
import Synchronization
import TestSupport
import Testing

/// What a real `medlake worker` process tells an operator while it works: swift-log lines on standard
/// error (JSON lines or human lines) and Prometheus counters at `/metrics` on `--metrics-port`.
@Suite(.serialized)
struct WorkerObservabilityCLITests {
    @Test func jsonLogLinesAndMetricsFollowTheJob() throws {
        let base = NSTemporaryDirectory() + "worker-observe-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try TierLayout.makeLake(in: base, count: 40, size: 24_000)
        #expect(try MedLakeProcess.run(["migrate", "d", "--to", "warm", "--lake", lake]).status == 0)
        let bytesTotal = try Self.bytesTotal(lake)

        // About 1 MB at 0.2 MB/s: the job lasts five seconds at least, so several progress lines are due.
        let (worker, _, errors) = try MedLakeProcess.start(
            ["worker", "--log-format", "json", "--progress-every", "0.5", "--throttle", "0.2", "--lease", "10m",
             "--metrics-port", "0", "--lake", lake])
        let log = StreamedText(errors)
        defer { if worker.isRunning { kill(worker.processIdentifier, SIGKILL) } }
        #expect(TierLayout.waitUntil { log.text.contains("probes on port") }, "\(log.text)")
        let port = try #require(log.text.firstMatch(of: /probes on port (\d+)/).map { String($0.1) }, "\(log.text)")
        let url = "http://127.0.0.1:\(port)/metrics"

        let moving = TierLayout.waitUntil {
            let metrics = Self.scrape(url)
            return metrics["medlake_worker_moved_objects_total", default: 0] > 0
                && metrics["medlake_worker_jobs_in_flight"] == 1
        }
        #expect(moving, "the counters move while the job runs: \(Self.scrape(url))")
        let finished = TierLayout.waitUntil {
            let metrics = Self.scrape(url)
            return metrics["medlake_worker_moved_objects_total"] == 40 && metrics["medlake_migration_queue_depth"] == 0
                && metrics["medlake_worker_jobs_in_flight"] == 0
        }
        let metrics = Self.scrape(url)
        #expect(finished, "\(metrics)")
        #expect(metrics["medlake_worker_moved_bytes_total"] == Double(bytesTotal))
        #expect(metrics["medlake_worker_lease_renewals_total", default: 0] > 0)
        #expect(metrics["medlake_worker_object_failures_total"] == 0)
        #expect(metrics["medlake_worker_job_failures_total"] == 0)

        kill(worker.processIdentifier, SIGTERM)
        #expect(TierLayout.waitUntil { !worker.isRunning })
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
        let lines = log.finish().split(separator: "\n").map(String.init)
        let objects = lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        #expect(objects.count == lines.count, "every line is one JSON object: \(lines)")
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        let started = try #require(objects.first { $0["message"] as? String == "job started" })
        #expect(started["job"] as? Int == 1 && started["objects.total"] as? Int == 40 && started["job.to"] as? String == "warm")
        let progress = objects.filter { $0["message"] as? String == "job progress" }
        #expect(!progress.isEmpty && progress.allSatisfy { $0["job"] as? Int == 1 && $0["bytes"] is Int })
        let done = try #require(objects.first { $0["message"] as? String == "job done" })
        #expect(done["objects"] as? Int == 40 && done["bytes"] as? Int == Int(bytesTotal))
    }

    @Test func humanLinesByDefault() throws {
        let base = NSTemporaryDirectory() + "worker-human-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try TierLayout.makeLake(in: base, count: 3, size: 2_000)
        #expect(try MedLakeProcess.run(["migrate", "d", "--to", "warm", "--lake", lake]).status == 0)
        let run = try MedLakeProcess.run(["worker", "--until-idle", "--lake", lake])
        #expect(run.status == 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.contains { $0.contains(" info job started ") && $0.contains(" job=1 ") && $0.contains(" job.to=warm") })
        #expect(lines.contains { $0.contains(" info job done ") && $0.contains(" objects=3 ") })
        #expect(lines.allSatisfy { $0.firstMatch(of: #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (info|error) /#) != nil })
    }

    /// The catalog's total bytes of job 1.
    static func bytesTotal(_ lake: String) throws -> Int64 {
        try TestLakeCatalogs.store(forLake: lake).value(Int64.self, "SELECT bytesTotal FROM migrationJob WHERE id = 1")
            ?? -1
    }

    /// The samples of a Prometheus text exposition at `url`, by metric name (labels dropped); empty when
    /// nothing answers.
    static func scrape(_ url: String) -> [String: Double] {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "--max-time", "60", url]
        let output = Pipe()
        curl.standardOutput = output
        guard (try? curl.run()) != nil else { return [:] }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            samples[String(parts[0].prefix { $0 != "{" })] = value
        }
        return samples
    }
}

/// Collects what a process writes to a pipe, on a thread of its own, so the test can wait on it.
final class StreamedText: Sendable {
    private let collected = Mutex("")
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while case let data = handle.availableData, !data.isEmpty {
                collected.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
            done.signal()
        }
    }

    var text: String { collected.withLock { $0 } }

    /// Waits for the end of the stream (the process exited); returns everything.
    func finish() -> String {
        done.wait()
        return text
    }
}
