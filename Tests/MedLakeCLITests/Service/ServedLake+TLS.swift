import Foundation
import Testing

extension ServedLake {
    /// A certificate authority named `name` in `base/tls`, with its certificates readable by every test user
    /// and the server key 0600 to the service account, which reads it after leaving root.
    func certificateAuthority(_ name: String = "lake") throws -> TestCertificateAuthority {
        let folder = base + "/tls"
        let authority = try TestCertificateAuthority(in: folder, name: name)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        for path in [authority.serverCertificate, authority.caCertificate] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        }
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600, .ownerAccountName: service], ofItemAtPath: authority.serverKey)
        return authority
    }

    /// Stops the service, runs `whileStopped` (changes only the service account may make in-process), and
    /// starts it again listening on 127.0.0.1 (a free port) over TLS with `authority`'s certificate beside
    /// its socket; returns its `https://127.0.0.1:PORT` URL.
    func restartOverTLS(_ authority: TestCertificateAuthority, whileStopped: () throws -> Void = {}) throws -> String {
        stop()
        try whileStopped()
        try start(["--listen", "127.0.0.1:0", "--tls-cert", authority.serverCertificate, "--tls-key", authority.serverKey])
        let found = readyLine.split(separator: " ").first { $0.hasPrefix("https://127.0.0.1:") }
        return String(try #require(found, "no URL in \(readyLine)")).trimmingCharacters(in: .punctuationCharacters)
    }
}
