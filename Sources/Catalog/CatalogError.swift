/// A catalog failure, naming the file or the record involved. Never carries patient data.
public enum CatalogError: Error, CustomStringConvertible, Sendable {
    /// SQLite reported an error opening the catalog at `path`: its result code and what it said (plain
    /// values, so no SQLite or GRDB type reaches callers through this error).
    case database(path: String, resultCode: Int32, message: String)
    /// No record of `kind` has the id `id`.
    case notFound(kind: String, id: String)
    /// Column `column` holds `value`, which is none of the values its enum knows (a catalog written by a
    /// newer MedLake, or edited by hand).
    case unknownValue(column: String, value: String)

    public var description: String {
        switch self {
        case .database(let path, _, let message):
            return "catalog \(path): \(message)"
        case .notFound(let kind, let id):
            return "no \(kind) with id \(id)"
        case .unknownValue(let column, let value):
            return "\(column) holds '\(value)', which this version of MedLake does not know"
        }
    }
}
