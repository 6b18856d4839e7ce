import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion with `posix_spawn`, capturing its standard output and error.
///
/// Foundation's `Process.run()` lists `/proc/self/fd` to close every inherited descriptor and copies each
/// entry's whole 256-byte `d_name`, reading past the directory buffer's last record: with ~1,300
/// descriptors open (200 load-test clients, each with a socket pair and two pipes in Foundation) that read
/// crossed into an unmapped page and the test process died of SIGSEGV in CI. This path opens only two
/// pipes per command, and the child closes every other descriptor with one `closefrom` action, so nothing
/// here walks the descriptor table.
enum SpawnedCommand {
    struct Failure: Error, CustomStringConvertible {
        var call: String
        var errno: Int32
        var description: String { "\(call): \(String(cString: strerror(errno)))" }
    }

    /// Runs `executable arguments…` with exactly `environment`, in `directory` when given; stdin is
    /// `/dev/null`. Returns the exit status (128 + signal when killed), stdout and stderr.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], in directory: String?
    ) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let output = try makePipe()
        let errors = try makePipe()
        defer { close(output.read); close(errors.read) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        if let directory { try check("addchdir", addChangeDirectory(&actions, directory)) }
        try check("addclosefrom", closeFrom(&actions, 3))
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everything = sigset_t()
        sigfillset(&everything)
        var nothing = sigset_t()
        sigemptyset(&nothing)
        posix_spawnattr_setsigdefault(&attributes, &everything)
        posix_spawnattr_setsigmask(&attributes, &nothing)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = withCStrings([executable] + arguments) { argv in
            withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        close(output.write)
        close(errors.write)
        try check("posix_spawn \(executable)", spawned)
        // Drain standard error on another thread while reading standard output, so neither pipe fills up.
        let stderrData = Mutex(Data())
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            let data = readToEnd(errors.read)
            stderrData.withLock { $0 = data }
        }
        let stdout = readToEnd(output.read)
        drained.wait()
        return (try waitForExit(pid), stdout, stderrData.withLock { $0 })
    }

    /// Everything `descriptor` yields until its writers close it, retrying `EINTR`.
    static func readToEnd(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }

    private static func waitForExit(_ pid: pid_t) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(call: "waitpid", errno: errno) }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// A pipe whose ends close on exec (`pipe2` is _GNU_SOURCE too; a child another thread spawns between
    /// `pipe` and `fcntl` is harmless: this file's children and Foundation's close every inherited descriptor).
    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failure(call: "pipe", errno: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    private static func check(_ call: String, _ result: Int32) throws {
        guard result == 0 else { throw Failure(call: call, errno: result) }
    }

    private static func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }

    // glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+) and `…_addchdir_np` (2.29+) are declared
    // only under _GNU_SOURCE, which Swift's Glibc module does not define: they are looked up by name.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) -> Int32 {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return ENOSYS }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, lowest)
    }

    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Int32 {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return ENOSYS }
        return unsafeBitCast(symbol, to: AddChangeDirectory.self)(&actions, path)
    }
}
