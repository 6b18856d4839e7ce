import Foundation

/// The process holding a running job's lease: its host name and process id, as recorded in the job row
/// when it claims the job, so `migrate status` and the workbench can say which worker runs a job (and an
/// operator can find it) without parsing worker names.
public struct LeaseHolder: Sendable, Hashable, Codable {
    public var host: String
    public var pid: Int32

    public init(host: String, pid: Int32) {
        self.host = host
        self.pid = pid
    }

    /// This process.
    static var current: LeaseHolder {
        LeaseHolder(host: ProcessInfo.processInfo.hostName, pid: getpid())
    }
}

// MARK: - CustomStringConvertible

extension LeaseHolder: CustomStringConvertible {
    /// `pid 4242 on node-3`.
    public var description: String { "pid \(pid) on \(host)" }
}
