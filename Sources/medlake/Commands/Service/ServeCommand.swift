import ArgumentParser
import Foundation
import LakeEngine
import LakeService
import Logging

/// `medlake serve`: run the lake service on the lake's Unix socket, and on a TCP address when asked.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the lake to its users over a Unix socket in the lake folder (medlake.sock).",
        discussion: """
            Every call on the socket runs as the user the kernel names for the connection, with that user's \
            roles. With --listen the service also answers over TCP, for other hosts and pods: each call there \
            carries a bearer token (`medlake token create`) and runs as that token's service account, with \
            exactly its role. TCP needs TLS (--tls-cert and --tls-key) unless it stays on loopback. Started as \
            root, the service first becomes the lake folder's owner (its service account, see `medlake init \
            --service-user`), which must be able to read the TLS files. Prints one line once everything \
            accepts connections; stops on SIGTERM or SIGINT.
            """
    )

    @Option(name: .long, help: "The lake folder (default: $MEDLAKE_LAKE, else the nearest lake.toml above).")
    var lake: String?

    @Option(name: .long, help: "Also serve over TCP on HOST:PORT (port 0: any free port, named in the ready line).")
    var listen: String?

    @Option(name: .long, help: "The TLS certificate chain (PEM) for --listen.")
    var tlsCert: String?

    @Option(name: .long, help: "The TLS private key (PEM) for --listen.")
    var tlsKey: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("Please give both --tls-cert and --tls-key, or neither.")
        }
        if listen == nil, tlsCert != nil {
            throw ValidationError("Please give --listen HOST:PORT for the TLS certificate to serve on.")
        }
    }

    func run() async throws {
        try await reportingFailures {
            // Checked before anything else: a refused address must not leave a half-started service.
            let tls = tlsCert.flatMap { certificate in tlsKey.map { TLSFiles(certificate: certificate, key: $0) } }
            let tcp = try listen.map { try TCPListener(address: $0, tls: tls) }
            let root = try Lake.locate(
                explicit: lake, environment: ProcessInfo.processInfo.environment,
                workingDirectory: FileManager.default.currentDirectoryPath)
            if geteuid() == 0 {
                try ServiceAccount.becomeOwner(of: root)
                try ServiceAccount.reexecute(arguments: CommandLine.arguments)
            }
            // Whatever the service writes (new objects, WAL files) is the account's alone.
            umask(0o077)
            // Every connection holds a descriptor: the hard limit, not systemd's soft 1024, bounds them.
            OpenFileLimit.raiseToHardLimit()
            let opened = try Lake.open(at: root)
            let server = LakeServer(lake: opened, tcp: tcp)
            let logger = Logger(label: "medlake.serve")
            let socket = server.socketPath
            let user = opened.actor.user
            try await server.run(logger: logger) { url in
                let remote = url.map { " and \($0)" } ?? ""
                // Written unbuffered: whoever started the service waits for this line.
                FileHandle.standardOutput.write(
                    Data("Serving \(safe(root)) on \(safe(socket))\(remote) as \(safe(user)).\n".utf8))
            }
            unlink(socket)
        }
    }
}
