import Foundation
import LakeEngine
import LakeService
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The lake service the sample setup runs on the sample lake's socket while ``SampleRequester`` acts:
/// the sample lake is personal, so its second user reaches it the one way anyone but its owner may,
/// through a service that names each caller from the kernel.
///
/// While it runs, the lake folder lets others search it (0711, as a served lake's folder does) so that
/// `medlake-sample` reaches the socket; nothing else in the lake is opened to anyone. ``stop()`` ends
/// the service, removes the socket and makes the folder 0700 again.
struct SampleService {
    private let task: Task<Void, any Error>
    private let root: String
    private let socket: String

    /// Starts serving `lake` and returns once the socket accepts connections.
    /// - Throws: what ``LakeServer/run(logger:onReady:)`` throws before it is ready.
    static func start(_ lake: Lake) async throws -> SampleService {
        guard chmod(lake.root, 0o711) == 0 else {
            throw LakeError.system(operation: "chmod", path: lake.root, errno: errno)
        }
        let server = LakeServer(lake: lake)
        let (ready, readiness) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            defer { readiness.finish() }
            try await server.run(logger: Logger(label: "medlake.sample-service")) { _ in readiness.yield() }
        }
        // Either the ready signal, or the stream ends because the server stopped (its error is rethrown).
        var iterator = ready.makeAsyncIterator()
        let service = SampleService(task: task, root: lake.root, socket: server.socketPath)
        if await iterator.next() == nil {
            await service.stop()
            try await task.value
            throw LakeError.invalidArgument("the sample lake's service stopped before it accepted connections")
        }
        return service
    }

    /// Stops the service and closes the lake folder again.
    func stop() async {
        task.cancel()
        _ = await task.result
        unlink(socket)
        chmod(root, 0o700)
    }
}
