import Foundation
import NIOSSL

/// A TCP address the lake service listens on beside its Unix socket, for clients on other hosts and in
/// pods, who present bearer tokens (see ``LakeServer``).
///
/// TLS is required unless the address is on loopback (`127.0.0.0/8` or `::1`): a token sent
/// in the clear off the machine is a token given away. Plain TCP on loopback exists for tests.
///
/// ```
/// let listener = try TCPListener(address: "0.0.0.0:8443", tls: TLSFiles(certificate: "cert.pem", key: "key.pem"))
/// ```
public struct TCPListener: Sendable {
    public let host: String
    /// The port; 0 asks the system for a free one (the ready line names it).
    public let port: Int
    /// The server's certificate chain and key; nil for plain TCP (loopback only).
    public let tls: TLSFiles?

    /// Parses `address` (`HOST:PORT`, `[IPv6]:PORT`) and checks that plain TCP stays on loopback.
    /// - Throws: ``LakeServiceError/invalidListenAddress(_:)``, ``LakeServiceError/plainTCPOffLoopback(host:)``.
    public init(address: String, tls: TLSFiles?) throws {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65_535).contains(port)
        else { throw LakeServiceError.invalidListenAddress(address) }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw LakeServiceError.invalidListenAddress(address) }
        if tls == nil, !Self.isLoopback(host) { throw LakeServiceError.plainTCPOffLoopback(host: host) }
        self.host = host
        self.port = port
        self.tls = tls
    }

    /// True for an IPv4 address in `127.0.0.0/8` and for `::1`; any other address, and any name (even
    /// `localhost`, which `/etc/hosts` may point anywhere), may be reachable from elsewhere.
    static func isLoopback(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        return withUnsafeBytes(of: &v6) { bytes in bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1 }
    }

    /// The server side of TLS: the chain and key from their PEM files, TLS 1.2 at least.
    func serverTLSConfiguration() throws -> TLSConfiguration? {
        guard let tls else { return nil }
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
        } catch {
            throw LakeServiceError.unusableTLSFile(path: tls.certificate, reason: String(describing: error))
        }
        guard !chain.isEmpty else { throw LakeServiceError.unusableTLSFile(path: tls.certificate, reason: "no certificate in it") }
        do {
            key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        } catch {
            throw LakeServiceError.unusableTLSFile(path: tls.key, reason: String(describing: error))
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}

/// The PEM files of a TLS server: its certificate chain (leaf first) and its private key.
///
/// The service reads them after it has become the lake's service account, so that account must be able
/// to read them (and nobody else should read the key).
public struct TLSFiles: Sendable, Hashable {
    public let certificate: String
    public let key: String

    public init(certificate: String, key: String) {
        self.certificate = certificate
        self.key = key
    }
}
