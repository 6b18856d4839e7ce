import Foundation

/// The fields the service tests read from `--json` output and from the service's raw HTTP answers.
/// Optional fields are those only some answers carry.

/// An audit entry (`audit list --json`).
struct EntryJSON: Decodable {
    var actor: String
    var role: String?
    var action: String
    var target: String?
}

/// A promotion (`promote request|show|list --json`).
struct PromotionJSON: Decodable {
    var id: Int64
    var state: String
    var target: String?
}

/// Who the service says is calling (`GET /v1/caller`).
struct CallerJSON: Decodable {
    var user: String
    var token: String?
}

/// An RFC 9457 problem the service answers with.
struct ProblemJSON: Decodable {
    var code: String
    var status: Int
    var detail: String
}

/// A command's failure as `--json` writes it to standard error.
struct FailureJSON: Decodable {
    var code: String
    var message: String
}

/// A study in `studies --json`.
struct StudyJSON: Decodable {
    var studyInstanceUID: String
}

/// A migration job (`migrate start|status|list --json`).
struct JobJSON: Decodable {
    var id: Int64
    var state: String
    var toTier: String
}

/// A manifest's verification (`manifest verify --json`).
struct VerificationJSON: Decodable {
    var manifest: String
    var manifestIntact: Bool
    var okCount: Int
    var entryCount: Int
}

extension ProblemJSON {
    /// The problem in `curl -i` output (status line, headers, blank line, body).
    init(curlOutput output: String) throws {
        let body = output.components(separatedBy: "\r\n\r\n").last ?? ""
        self = try JSONDecoder().decode(ProblemJSON.self, from: Data(body.utf8))
    }
}
