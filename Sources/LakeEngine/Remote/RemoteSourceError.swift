/// A DICOM server that could not be used: unreachable, refusing the credentials, or answering with
/// something that is not what its API promises. Names the URL (never credentials) and the HTTP status.
public struct RemoteSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var url: String
    /// HTTP status, 0 without an answer.
    public var status: Int
    public var message: String

    public init(url: String, status: Int = 0, message: String) {
        self.url = url
        self.status = status
        self.message = message
    }

    public var description: String {
        var text = url
        if status != 0 { text += ": HTTP \(status)" }
        if status == 401 { text += " (the server refused the credentials)" }
        return text + ": " + message
    }
}
