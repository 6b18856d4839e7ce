/// One page of Orthanc's `/changes` feed (`GET /changes?since=N&limit=M`).
///
/// Changes carry increasing sequence numbers; `Last` is the number to pass as `since` next, and `Done`
/// says the feed has nothing after it.
struct OrthancChanges: Decodable, Sendable {
    struct Change: Decodable, Sendable {
        var changeType: String
        var id: String
        var resourceType: String
        var seq: Int64

        enum CodingKeys: String, CodingKey {
            case changeType = "ChangeType"
            case id = "ID"
            case resourceType = "ResourceType"
            case seq = "Seq"
        }
    }

    var changes: [Change]
    var done: Bool
    var last: Int64

    enum CodingKeys: String, CodingKey {
        case changes = "Changes"
        case done = "Done"
        case last = "Last"
    }
}
