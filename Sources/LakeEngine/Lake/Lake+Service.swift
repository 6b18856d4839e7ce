extension Lake {
    /// The lake service's socket's name inside the lake folder (see `medlake serve`).
    public static let serviceSocketFileName = "medlake.sock"

    /// The socket of the service serving the lake in `root`, when one answers there.
    ///
    /// A socket file nobody answers on (its service was killed) gives nil: the caller decides whether to
    /// open the lake in-process or to report the service down.
    public static func liveServiceSocket(root: String) -> String? {
        let path = root + "/" + serviceSocketFileName
        return UnixSocketProbe.answers(path) ? path : nil
    }
}
