import ArgumentParser

/// How `medlake worker` writes its log lines (`--log-format`).
enum WorkerLogFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// `2026-12-07T01:02:03Z info job progress job=4 bytes=…`: for a terminal or `worker.log`.
    case human
    /// One JSON object per line (`time`, `level`, `message`, then the metadata as fields): for a log
    /// collector.
    case json
}
