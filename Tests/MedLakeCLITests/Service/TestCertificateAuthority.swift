import Foundation
import Testing

/// A throwaway certificate authority made with the `openssl` command, and a server certificate it signs
/// for `127.0.0.1`, in `folder`: what an operator would give `medlake serve --tls-cert --tls-key`.
struct TestCertificateAuthority {
    /// The CA certificate clients trust (`--ca-file`).
    let caCertificate: String
    /// The server's certificate (signed by the CA, for IP 127.0.0.1) and key.
    let serverCertificate: String
    let serverKey: String

    /// Makes the CA and the server certificate in `folder` (created), named with `name`, for the IP
    /// `addresses` the service is reached at.
    init(in folder: String, name: String, addresses: [String] = ["127.0.0.1"]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let prefix = folder + "/" + name
        caCertificate = prefix + "-ca.pem"
        serverCertificate = prefix + "-server.pem"
        serverKey = prefix + "-server.key"
        let extensions = prefix + "-server.ext"
        let names = "subjectAltName=" + addresses.map { "IP:" + $0 }.joined(separator: ",") + "\n"
        try Data(names.utf8).write(to: URL(fileURLWithPath: extensions))
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(
            ["req", "-x509"] + curve + ["-keyout", prefix + "-ca.key", "-out", caCertificate, "-days", "2",
                "-subj", "/CN=MedLake test CA \(name)"])
        try Self.openssl(
            ["req"] + curve + ["-keyout", serverKey, "-out", prefix + "-server.csr", "-subj", "/CN=127.0.0.1"])
        try Self.openssl([
            "x509", "-req", "-in", prefix + "-server.csr", "-CA", caCertificate, "-CAkey", prefix + "-ca.key",
            "-CAcreateserial", "-out", serverCertificate, "-days", "2", "-extfile", extensions,
        ])
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0, "openssl \(arguments.first ?? ""): \(String(decoding: message, as: UTF8.self))")
    }
}
