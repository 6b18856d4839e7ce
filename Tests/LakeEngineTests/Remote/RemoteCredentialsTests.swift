import Foundation
import Testing

@testable import LakeEngine

@Suite struct RemoteCredentialsTests {
    @Test func environmentComesFirst() throws {
        let credentials = try RemoteCredentials.resolve(
            host: "pacs", environment: ["MEDLAKE_REMOTE_USER": "u", "MEDLAKE_REMOTE_PASSWORD": "p"], netrcPath: nil)
        #expect(credentials == RemoteCredentials(user: "u", password: "p"))
        #expect(!String(describing: credentials).contains("\"p\""))
    }

    @Test func netrcEntryForTheHostElseDefault() throws {
        let path = NSTemporaryDirectory() + "netrc-" + UUID().uuidString
        try Data("""
            machine other.example login nobody password nothing
            machine 127.0.0.1
              login medlake
              password s3cret
            default login guest password guest
            """.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try RemoteCredentials.fromNetrc(path: path, host: "127.0.0.1") == RemoteCredentials(user: "medlake", password: "s3cret"))
        #expect(try RemoteCredentials.fromNetrc(path: path, host: "elsewhere") == RemoteCredentials(user: "guest", password: "guest"))
        #expect(try RemoteCredentials.resolve(host: "127.0.0.1", environment: [:], netrcPath: nil) == nil)
    }

    @Test func truncatedNetrcIsAnError() throws {
        let path = NSTemporaryDirectory() + "netrc-" + UUID().uuidString
        try Data("machine host login".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: RemoteSourceError.self) { try RemoteCredentials.fromNetrc(path: path, host: "host") }
    }
}
