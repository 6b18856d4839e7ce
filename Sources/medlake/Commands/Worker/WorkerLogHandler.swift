import Foundation
import Logging
import Synchronization
import TUI

/// Writes `medlake worker`'s log lines to a file descriptor (standard error, which the workbench points at
/// the lake's `worker.log`), one line per event, human-readable or as JSON lines.
///
/// ```text
/// 2026-12-07T01:02:03.456Z info job progress job=4 bytes=52428800 bytes.total=104857600 objects=12 …
/// {"bytes":52428800,"bytes.total":104857600,"job":4,"level":"info","message":"job progress","time":"2026-12-07T01:02:03.456Z"}
/// ```
///
/// Metadata values that come from the catalog (dataset names, tier names, error texts) are untrusted: in
/// human lines every terminal-interpreted character is replaced by a visible stand-in (``SafeText``), in
/// JSON lines it is written as a `\uXXXX` escape (``TerminalSafeJSON``), so a name cannot clear or
/// rewrite the operator's terminal, and a newline cannot forge a log line. Integer metadata is written
/// as a JSON number.
///
/// Thread-safe: lines from every job slot and from the lease keepers' threads are written whole, one
/// `write` each, under a lock.
struct WorkerLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .info
    let format: WorkerLogFormat
    private let output: LogOutput

    init(format: WorkerLogFormat, fileDescriptor: Int32 = STDERR_FILENO) {
        self.format = format
        output = LogOutput(fileDescriptor: fileDescriptor)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let line =
            switch format {
            case .human: Self.humanLine(time: time, level: event.level, message: "\(event.message)", fields: fields)
            case .json: Self.jsonLine(time: time, level: event.level, message: "\(event.message)", fields: fields)
            }
        output.append(line)
    }

    // MARK: - Formats

    /// `TIME LEVEL MESSAGE key=value …`, keys sorted, values quoted when they hold a space or a quote.
    static func humanLine(time: String, level: Logger.Level, message: String, fields: Logger.Metadata) -> String {
        var line = "\(time) \(level) \(SafeText.sanitize(message))"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            var text = SafeText.sanitize(value.description)
            if text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) {
                text = "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            line += " \(SafeText.sanitize(key))=\(text)"
        }
        return line + "\n"
    }

    /// One JSON object with `time`, `level`, `message` and every metadata field, keys sorted.
    static func jsonLine(time: String, level: Logger.Level, message: String, fields: Logger.Metadata) -> String {
        var object: [String: Any] = [:]
        for (key, value) in fields { object[key] = jsonValue(value) }
        object["time"] = time
        object["level"] = level.rawValue
        object["message"] = message
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{\"level\":\"error\",\"message\":\"a log line could not be encoded\"}\n" }
        return String(decoding: TerminalSafeJSON.escape(data), as: UTF8.self) + "\n"
    }

    /// Integers as numbers, nested metadata as objects and arrays, everything else as strings.
    private static func jsonValue(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible):
            if let integer = convertible as? any BinaryInteger, let exact = Int64(exactly: integer) { exact } else {
                convertible.description
            }
        case .dictionary(let dictionary): dictionary.mapValues(jsonValue)
        case .array(let array): array.map(jsonValue)
        }
    }
}

/// A file descriptor shared by every copy of a handler, written one whole line at a time.
private final class LogOutput: Sendable {
    private let fileDescriptor: Mutex<Int32>

    init(fileDescriptor: Int32) {
        self.fileDescriptor = Mutex(fileDescriptor)
    }

    func append(_ line: String) {
        let bytes = Array(line.utf8)
        fileDescriptor.withLock { descriptor in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count, let base = buffer.baseAddress {
                    let written = write(descriptor, base + offset, buffer.count - offset)
                    if written < 0, errno == EINTR { continue }
                    // A log that cannot be written (a full disk, a closed pipe) must not stop the migration.
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
    }
}
