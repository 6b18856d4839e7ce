import Foundation
import Synchronization
import Testing

/// A `medlake serve` process started as root, for tests that reach a served lake through its socket.
enum LakeServiceProcess {
    /// Starts `BINARY serve --lake LAKE arguments…` (with `environment` added to the test's own, and its
    /// open-file limit set to `openFiles` by `prlimit` when given) and waits, up to two minutes, for its
    /// ready line (`Serving LAKE on SOCKET [and URL] as USER.`), which it returns with the process.
    static func start(
        lake: String, binary: String, _ arguments: [String] = [], environment: [String: String] = [:],
        openFiles: Int? = nil
    ) throws -> (process: Process, readyLine: String) {
        let serve = ["serve", "--lake", lake] + arguments
        let (process, output, _) = try openFiles.map {
            try MedLakeProcess.start(["--nofile=\($0)", binary] + serve, environment: environment, binary: "/usr/bin/prlimit")
        } ?? MedLakeProcess.start(serve, environment: environment, binary: binary)
        let ready = DispatchSemaphore(value: 0)
        let seen = Mutex("")
        // Read until the ready line (or the end, when the service fails); the pipe stays drained afterwards.
        DispatchQueue.global().async {
            var signalled = false
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                let text = seen.withLock { text in
                    text += String(decoding: data, as: UTF8.self)
                    return text
                }
                if !signalled, text.contains("Serving ") || !process.isRunning {
                    signalled = true
                    ready.signal()
                }
            }
            if !signalled { ready.signal() }
        }
        try #require(ready.wait(timeout: .now() + 120) == .success, "the service did not start")
        let line = seen.withLock { $0 }
        try #require(line.contains("Serving "), "the service did not start: \(line)")
        return (process, line)
    }
}
