import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A Unix socket in front of a lake service's socket: forwards every byte both ways and keeps the request
/// line (`GET /v1/series?… HTTP/1.1`) of each HTTP request a client sends through it, so a test sees which
/// calls the workbench makes through the service, on the wire.
///
/// The service then knows the proxy's process as its peer: the test's own user, as without it.
/// Each connection is served by two threads (one per direction) that end when either side closes.
/// Thread-safe: the request lines sit behind a `Mutex`.
final class RequestCountingProxy: Sendable {
    /// Where clients connect.
    let path: String
    private let target: String
    private let listener: Int32
    private let lines = Mutex<[String]>([])

    /// Listens at `path` and forwards to `target`.
    init(forwardingTo target: String, at path: String) throws {
        self.path = path
        self.target = target
        listener = try Self.socket()
        var address = try Self.address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let proxy = self
        Thread.detachNewThread { proxy.acceptConnections() }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        unlink(path)
    }

    /// The request lines seen so far, in order.
    var requests: [String] { lines.withLock { $0 } }

    /// The paths (without the query) of the requests seen since the first `since` ones.
    func paths(since: Int = 0) -> [String] {
        requests.dropFirst(since).map { line in
            let target = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            return String(target.split(separator: "?", maxSplits: 1).first ?? "")
        }
    }

    // MARK: - Private

    private func acceptConnections() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            guard let server = try? Self.connect(target) else {
                close(client)
                continue
            }
            let proxy = self
            Thread.detachNewThread { proxy.pump(from: client, to: server, recording: true) }
            Thread.detachNewThread { proxy.pump(from: server, to: client, recording: false) }
        }
    }

    /// Copies `source` to `destination` until either closes; with `recording`, keeps each request line.
    private func pump(from source: Int32, to destination: Int32, recording: Bool) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var pending = [UInt8]()
        while true {
            let count = read(source, &buffer, buffer.count)
            guard count > 0 else { break }
            if recording {
                pending += buffer[0..<count]
                record(&pending)
            }
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { bytes -> Int in
                    guard let base = bytes.baseAddress else { return -1 }
                    return write(destination, base + sent, count - sent)
                }
                guard written > 0 else { break }
                sent += written
            }
            guard sent == count else { break }
        }
        shutdown(destination, Int32(SHUT_WR))
        shutdown(source, Int32(SHUT_RD))
    }

    /// Takes the complete lines out of `pending` and keeps those that are HTTP request lines.
    private func record(_ pending: inout [UInt8]) {
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            pending.removeSubrange(...end)
            let words = line.split(separator: " ")
            if words.count == 3, ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(words[0]), words[2].hasPrefix("HTTP/") {
                lines.withLock { $0.append(line) }
            }
        }
    }

    private static func socket() throws -> Int32 {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return descriptor
    }

    private static func address(_ path: String) throws -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }

    private static func connect(_ path: String) throws -> Int32 {
        let descriptor = try socket()
        var address = try address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return descriptor
    }
}
