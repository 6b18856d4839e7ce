import Foundation
import Testing

/// A network namespace joined to this host by a veth pair: to the processes started in it, another host
/// on a /24 of its own, reaching this one at ``hostAddress`` (its default route) and nothing else, not even
/// this host's loopback services. Removed (with its veth pair) when released.
final class NetworkNamespace {
    let name: String
    /// This host's end of the pair.
    let hostAddress: String
    /// The namespace's end.
    let address: String
    /// This host's end of the pair.
    private let outside: String

    static let ip = "/usr/sbin/ip"

    /// True when namespaces can be made: running as root with `ip` available.
    static var available: Bool { geteuid() == 0 && FileManager.default.isExecutableFile(atPath: ip) }

    /// A namespace on `10.SUBNET.INDEX.0/24` (`subnet` keeps concurrent test runs apart).
    init(subnet: Int, index: Int) throws {
        name = "mlrw\(subnet)n\(index)"
        hostAddress = "10.\(subnet).\(index).1"
        address = "10.\(subnet).\(index).2"
        outside = "mlv\(subnet)h\(index)"
        let inside = "mlv\(subnet)n\(index)"
        try Self.run(["netns", "add", name])
        do {
            try Self.run(["link", "add", outside, "type", "veth", "peer", "name", inside])
            try Self.run(["link", "set", inside, "netns", name])
            try Self.run(["addr", "add", hostAddress + "/24", "dev", outside])
            try Self.run(["link", "set", outside, "up"])
            for command in [
                ["addr", "add", address + "/24", "dev", inside], ["link", "set", inside, "up"], ["link", "set", "lo", "up"],
                ["route", "add", "default", "via", hostAddress],
            ] {
                try Self.run(["netns", "exec", name, Self.ip] + command)
            }
        } catch {
            try? Self.run(["link", "del", outside])
            try? Self.run(["netns", "del", name])
            throw error
        }
    }

    deinit {
        // Deleting one end deletes the pair, even while a process still keeps the namespace alive.
        try? Self.run(["link", "del", outside])
        try? Self.run(["netns", "del", name])
    }

    /// `ip netns exec NAME` before `command`: what starts a process in the namespace (it `exec`s, so
    /// the process keeps the pid `Process` reports).
    func prefix(_ command: [String]) -> [String] {
        ["netns", "exec", name] + command
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0, "ip \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
    }
}
