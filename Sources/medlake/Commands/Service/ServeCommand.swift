import ArgumentParser
import Foundation
import LakeEngine
import LakeService
import Logging

/// `medlake serve`: run the lake service on the lake's Unix socket.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the lake to its users over a Unix socket in the lake folder (medlake.sock).",
        discussion: """
            Every call runs as the user the kernel names for the connection, with that user's roles. \
            Started as root, the service first becomes the lake folder's owner (its service account, see \
            `medlake init --service-user`). Prints one line once the socket accepts connections; stops on \
            SIGTERM or SIGINT.
            """
    )

    @Option(name: .long, help: "The lake folder (default: $MEDLAKE_LAKE, else the nearest lake.toml above).")
    var lake: String?

    func run() async throws {
        try await reportingFailures {
            let root = try Lake.locate(
                explicit: lake, environment: ProcessInfo.processInfo.environment,
                workingDirectory: FileManager.default.currentDirectoryPath)
            if geteuid() == 0 {
                try ServiceAccount.becomeOwner(of: root)
                try ServiceAccount.reexecute(arguments: CommandLine.arguments)
            }
            // Whatever the service writes (new objects, WAL files) is the account's alone.
            umask(0o077)
            let opened = try Lake.open(at: root)
            let server = LakeServer(lake: opened)
            let logger = Logger(label: "medlake.serve")
            let socket = server.socketPath
            let user = opened.actor.user
            try await server.run(logger: logger) {
                // Written unbuffered: whoever started the service waits for this line.
                FileHandle.standardOutput.write(Data("Serving \(safe(root)) on \(safe(socket)) as \(safe(user)).\n".utf8))
            }
            unlink(socket)
        }
    }
}
