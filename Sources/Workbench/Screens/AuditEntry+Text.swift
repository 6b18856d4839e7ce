import Foundation
import LakeEngine

extension AuditEntry {
    /// The details as one line of JSON with sorted keys, as the catalog stores them; a withheld entry's
    /// say so instead.
    var detailsText: String {
        if withheld { return "withheld: about a dataset you may not read" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(details)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
