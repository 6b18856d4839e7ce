import Glibc

/// Waits on the terminal and the signal pipe, and tells a closed terminal from a quiet one: ncurses
/// returns ERR both when no key is ready and at end of input or EIO, and a process that keeps
/// reading a dead terminal spins forever.
enum InputProbe {
    enum Readiness {
        case input, signal, timeout, closed
    }

    /// Waits up to `milliseconds` (-1: forever) for stdin or the signal pipe.
    static func wait(stdinOrSignals pipe: Int32, milliseconds: Int32) -> Readiness {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: pipe, events: Int16(POLLIN), revents: 0),
        ]
        let count = poll(&descriptors, pipe >= 0 ? 2 : 1, milliseconds)
        if count < 0 { return errno == EINTR ? .signal : .closed }
        if count == 0 { return .timeout }
        if Int32(descriptors[1].revents) & Int32(POLLIN) != 0 { return .signal }
        let revents = Int32(descriptors[0].revents)
        if revents & Int32(POLLIN) != 0 { return .input }
        if revents & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0 { return .closed }
        return .timeout
    }

    /// Whether stdin has hung up, failed, or reports readable with nothing to read (end of file).
    static func isClosed() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return errno != EINTR }
        let revents = Int32(descriptor.revents)
        if revents & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0 { return true }
        guard revents & Int32(POLLIN) != 0 else { return false }
        var available: Int32 = 0
        guard ioctl(STDIN_FILENO, UInt(FIONREAD), &available) == 0 else { return true }
        return available == 0
    }
}
