import Foundation

/// Creates throwaway Unix users and a shared group for tests that run the CLI as several people
/// (root only, as in CI), and removes them afterwards.
final class UnixUsers {
    let group: String
    let names: [String]

    /// True when the tests may create users: running as root with `useradd` available.
    static var available: Bool {
        geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd")
    }

    init(_ roles: [String]) throws {
        let tag = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        group = "mlg" + tag
        names = roles.map { "ml\($0.prefix(5))\(tag)" }
        try Self.command("/usr/sbin/groupadd", [group])
        for name in names { try Self.command("/usr/sbin/useradd", ["-m", "-G", group, name]) }
    }

    deinit {
        for name in names { try? Self.command("/usr/sbin/userdel", ["-r", name]) }
        try? Self.command("/usr/sbin/groupdel", [group])
    }

    static func command(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(path) \(arguments) failed"])
        }
    }
}
