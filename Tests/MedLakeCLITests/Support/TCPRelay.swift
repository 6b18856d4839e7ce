import Foundation
import Synchronization
import Testing

/// A TCP relay (a small Python asyncio program, run as its own process): accepts on `listen` and
/// connects each client to `target`, copying bytes both ways. It stands in for the routing a real
/// network has, so a process in a ``NetworkNamespace`` reaches a service bound to this host's loopback.
final class TCPRelay {
    let process: Process
    /// The port it listens on (the one asked for, or the one the system picked for 0).
    let port: Int

    private static let program = """
        import asyncio, sys
        async def pipe(reader, writer):
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except Exception:
                pass
            finally:
                writer.close()
        async def handle(reader, writer):
            try:
                target_reader, target_writer = await asyncio.open_connection(sys.argv[3], int(sys.argv[4]))
            except Exception:
                writer.close()
                return
            await asyncio.gather(pipe(reader, target_writer), pipe(target_reader, writer))
        async def main():
            server = await asyncio.start_server(handle, sys.argv[1], int(sys.argv[2]))
            print("ready", server.sockets[0].getsockname()[1], flush=True)
            async with server:
                await server.serve_forever()
        asyncio.run(main())
        """

    /// Starts the relay (in `namespace` when given) and waits, up to a minute, until it listens.
    init(listen host: String, port: Int, to targetHost: String, _ targetPort: Int, in namespace: NetworkNamespace? = nil)
        throws
    {
        let arguments = ["/usr/bin/python3", "-c", Self.program, host, String(port), targetHost, String(targetPort)]
        process = Process()
        if let namespace {
            process.executableURL = URL(fileURLWithPath: NetworkNamespace.ip)
            process.arguments = namespace.prefix(arguments)
        } else {
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = DispatchSemaphore(value: 0)
        let answer = Mutex("")
        DispatchQueue.global().async {
            // Until the whole line (a pipe may hand it over in pieces) or the end.
            while true {
                let data = output.fileHandleForReading.availableData
                let text = answer.withLock { text in
                    text += String(decoding: data, as: UTF8.self)
                    return text
                }
                if data.isEmpty || text.contains("\n") { break }
            }
            line.signal()
        }
        let ready = line.wait(timeout: .now() + 60) == .success
        let words = answer.withLock { $0 }.split(separator: " ")
        let number = words.last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard ready, words.first == "ready", let port = number else {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("the relay did not start: \(answer.withLock { $0 })")
            throw CocoaError(.executableLoad)
        }
        self.port = port
    }

    deinit {
        // SIGKILL: a child of the test runner may start with SIGTERM blocked (its threads block signals),
        // and a relay left running keeps its network namespace alive. No `waitUntilExit`: its run loop
        // never turns on a task's thread.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
