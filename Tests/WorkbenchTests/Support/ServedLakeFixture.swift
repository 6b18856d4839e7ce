import Foundation
import LakeClient
import LakeEngine
import LakeService
import Workbench
import Logging

/// A lake served by the real ``LakeServer`` on its Unix socket — in this process, as the lake's owner
/// (the test's user, who holds every role) — and reached through a ``RequestCountingProxy``, so a test
/// counts the calls the workbench makes through the service.
final class ServedLakeFixture: Sendable {
    let proxy: RequestCountingProxy
    /// A client of the service, through the proxy.
    let client: LakeClient
    private let serving: Task<Void, Never>

    /// Serves `lake` and waits, up to a minute, until its socket accepts connections.
    init(_ lake: Lake) async throws {
        let server = LakeServer(lake: lake)
        let (ready, announce) = AsyncStream<Bool>.makeStream()
        serving = Task {
            do {
                try await server.run(logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })) { _ in
                    announce.yield(true)
                }
            } catch {
                announce.yield(false)
            }
            announce.finish()
        }
        let timeout = Task {
            try? await Task.sleep(for: .seconds(60))
            announce.finish()
        }
        var started = false
        for await answer in ready {
            started = answer
            break
        }
        timeout.cancel()
        guard started else {
            serving.cancel()
            throw LakeError.invalidArgument("The lake service did not start on \(server.socketPath).")
        }
        proxy = try RequestCountingProxy(forwardingTo: server.socketPath, at: lake.root + "/counting.sock")
        client = LakeClient(socketPath: proxy.path)
    }

    deinit {
        serving.cancel()
    }

    /// The workbench session through the service, as `medlake browse` fetches it for a served lake.
    func session() async throws -> WorkbenchSession {
        try await WorkbenchSession.fetch(from: client, lakeName: "lake", location: proxy.path)
    }
}
