/// A failure of the lake service itself (not of a call it serves).
public enum LakeServiceError: Error, Sendable, CustomStringConvertible {
    /// The accepted connection gave no `SO_PEERCRED` (not the Unix socket, or not Linux): the caller cannot
    /// be identified that way, so nothing is served to it as a local user.
    case noPeerCredentials
    /// Another service already answers on the lake's socket.
    case alreadyServed(socket: String)
    /// The lake folder belongs to root: serving it would run the engine as root.
    case rootOwnedLake(path: String)
    /// A system call failed while preparing the socket or dropping privileges.
    case system(operation: String, path: String, errno: Int32)
    /// `--listen` was not `HOST:PORT`.
    case invalidListenAddress(String)
    /// Plain TCP was asked for on an address other hosts may reach: bearer tokens would cross the network
    /// in the clear.
    case plainTCPOffLoopback(host: String)
    /// A TLS certificate or key file could not be read or parsed.
    case unusableTLSFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .noPeerCredentials: "the connection carries no peer credentials (SO_PEERCRED): only the lake's Unix socket names local users"
        case .alreadyServed(let socket): "a lake service already answers on \(socket)"
        case .rootOwnedLake(let path):
            "\(path) belongs to root; hand the lake to a service account (`medlake share PATH --service-user NAME`) "
                + "and serve it as that account"
        case .system(let operation, let path, let errno): "\(operation) \(path) failed (errno \(errno))"
        case .invalidListenAddress(let address):
            "'\(address)' is not a listen address: use HOST:PORT, such as 127.0.0.1:8443 or [::1]:8443"
        case .plainTCPOffLoopback(let host):
            "refusing plain TCP on \(host): off loopback the service needs TLS (--tls-cert PEM --tls-key PEM), "
                + "or listen on 127.0.0.1"
        case .unusableTLSFile(let path, let reason): "cannot use \(path) for TLS: \(reason)"
        }
    }
}
