/// Splits a `text/event-stream` body into events, as the HTML standard's event-stream parsing does:
/// lines end with LF, CR LF or CR; a blank line ends an event; `event:` names it, `data:` lines (joined
/// with LF) carry it; lines starting with `:` are comments (the service's keep-alives). Fields other than
/// `event` and `data` (`id`, `retry`) are not used by the lake's stream and are skipped.
struct ServerSentEvents {
    struct Event: Equatable {
        var name: String
        var data: String
    }

    /// The longest line kept: the service's lines are short JSON; a longer one is a broken stream.
    static let maximumLine = 1 << 20

    private var line: [UInt8] = []
    private var name = ""
    private var data: [String] = []
    private var lastWasCR = false

    /// The events completed by `bytes`; an unfinished line or event waits for the next chunk.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
        var events: [Event] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n"), lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let event = endLine() { events.append(event) }
            } else if line.count < Self.maximumLine {
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> Event? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            defer { (name, data) = ("", []) }
            return data.isEmpty ? nil : Event(name: name.isEmpty ? "message" : name, data: data.joined(separator: "\n"))
        }
        if line.first == UInt8(ascii: ":") { return nil }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            (field, value) = (text[...], "")
        }
        switch field {
        case "event": name = String(value)
        case "data": data.append(String(value))
        default: break
        }
        return nil
    }
}
