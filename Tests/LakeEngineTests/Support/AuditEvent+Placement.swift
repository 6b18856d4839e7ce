import Catalog
import Foundation

/// The details of an `object.placement` audit event: which job moved which objects from where to where.
struct PlacementDetails: Decodable {
    var job: String
    var from: String
    var to: String
    var count: String
    var bytes: String
    /// The SHA-256s of the objects moved, as listed in the event.
    var objects: [String]

    private enum CodingKeys: String, CodingKey {
        case job, from, to, count, bytes, objects
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        job = try container.decode(String.self, forKey: .job)
        from = try container.decode(String.self, forKey: .from)
        to = try container.decode(String.self, forKey: .to)
        count = try container.decode(String.self, forKey: .count)
        bytes = try container.decode(String.self, forKey: .bytes)
        objects = try container.decode(String.self, forKey: .objects).split(separator: " ").map(String.init)
    }
}

extension AuditEvent {
    /// The event's details read as a placement; throws when they are not one.
    var placement: PlacementDetails {
        get throws { try JSONDecoder().decode(PlacementDetails.self, from: Data(details.utf8)) }
    }
}
