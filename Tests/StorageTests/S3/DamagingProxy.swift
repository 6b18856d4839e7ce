import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 in front of the S3 test server that damages the next `answers` GET answers
/// with a body, the way a server that commits `200 OK` before it has the bytes or a failing link would.
///
/// Requests and every other answer pass through unchanged, so signatures (made for the proxy's address)
/// and keep-alive work as with the server itself.
final class DamagingProxy: Sendable {
    enum Damage: Sendable, CaseIterable {
        /// The first byte of the body changes; the length stays right.
        case flipFirstBodyByte
        /// The connection closes right after the answer's head.
        case cutAfterHead
        /// The answer says `Content-Length: 0` and carries no body, as SeaweedFS 4.4x's did under load.
        case emptyBody
    }

    /// `http://127.0.0.1:PORT`.
    let endpoint: String
    private let listener: Int32
    private let upstreamPort: UInt16
    private let damage: Damage
    private let remaining: Mutex<Int>
    private let done = Mutex(0)

    /// Answers damaged so far.
    var damaged: Int { done.withLock { $0 } }

    /// Starts the proxy in front of `upstream` (`http://127.0.0.1:PORT`).
    init(upstream: String, damage: Damage, answers: Int) throws {
        guard let port = URL(string: upstream)?.port.flatMap(UInt16.init(exactly:)) else {
            throw ProxyError(message: "no port in \(upstream)")
        }
        upstreamPort = port
        self.damage = damage
        remaining = Mutex(answers)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw ProxyError(message: "cannot listen: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        endpoint = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        self.listener = listener
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Stops accepting; connections already open end with their peers.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(server)
                continue
            }
            Thread.detachNewThread { Self.pump(from: client, to: server) }
            Thread.detachNewThread { [self] in forwardAnswers(from: server, to: client) }
        }
    }

    /// Copies bytes until either side closes, then closes both directions.
    private static func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = read(source, &buffer, buffer.count)
            guard count > 0, writeAll(buffer[0..<count], to: destination) else { break }
        }
        shutdown(destination, Int32(SHUT_WR))
        shutdown(source, Int32(SHUT_RD))
    }

    /// Forwards answers, reading each head to find its body, and damages the ones still due.
    private func forwardAnswers(from server: Int32, to client: Int32) {
        defer {
            // shutdown, not only close: the pump thread still reads these descriptors, and a close alone
            // would send no FIN until that read returns.
            for descriptor in [server, client] {
                shutdown(descriptor, Int32(SHUT_RDWR))
                close(descriptor)
            }
        }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var bodyLeft = 0
        while true {
            let count = read(server, &buffer, buffer.count)
            guard count > 0 else { return }
            pending += buffer[0..<count]
            while !pending.isEmpty {
                if bodyLeft > 0 {
                    let take = min(bodyLeft, pending.count)
                    guard Self.writeAll(pending[0..<take], to: client) else { return }
                    pending.removeFirst(take)
                    bodyLeft -= take
                    continue
                }
                guard let end = Self.headEnd(in: pending) else { break }
                let head = String(decoding: pending[0..<end], as: UTF8.self)
                guard let length = Self.contentLength(in: head) else {
                    // No length (chunked): stop parsing and pass the rest of the connection through.
                    guard Self.writeAll(pending[...], to: client) else { return }
                    Self.pump(from: server, to: client)
                    return
                }
                let due = head.hasPrefix("HTTP/1.1 2") && length > 0 && remaining.withLock { left in
                    guard left > 0 else { return false }
                    left -= 1
                    return true
                }
                let answerHead = due && damage == .emptyBody ? Self.emptied(head) : head
                guard Self.writeAll(ArraySlice(answerHead.utf8), to: client) else { return }
                pending.removeFirst(end)
                bodyLeft = length
                guard due else { continue }
                done.withLock { $0 += 1 }
                switch damage {
                case .emptyBody:
                    guard Self.drop(length, of: &pending, from: server) else { return }
                    bodyLeft = 0
                case .cutAfterHead:
                    return
                case .flipFirstBodyByte:
                    while pending.isEmpty {
                        let count = read(server, &buffer, buffer.count)
                        guard count > 0 else { return }
                        pending += buffer[0..<count]
                    }
                    pending[0] ^= 0xFF
                }
            }
        }
    }

    /// The offset just past the blank line ending an answer's head, if it has arrived.
    private static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    /// `head` with its `Content-Length` set to 0.
    private static func emptied(_ head: String) -> String {
        head.split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
            line.lowercased().hasPrefix("content-length:") ? "Content-Length: 0" : String(line)
        }.joined(separator: "\r\n")
    }

    /// Reads and throws away the next `count` body bytes (those already in `pending` first); false when
    /// the server closed first.
    private static func drop(_ count: Int, of pending: inout [UInt8], from server: Int32) -> Bool {
        var left = count
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let take = min(left, pending.count)
            pending.removeFirst(take)
            left -= take
            guard left > 0 else { return true }
            let read = read(server, &buffer, buffer.count)
            guard read > 0 else { return false }
            pending += buffer[0..<read]
        }
    }

    private static func contentLength(in head: String) -> Int? {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    private static func writeAll(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    struct ProxyError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
