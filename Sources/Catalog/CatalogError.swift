import GRDB

/// A catalog failure, naming the file or the record involved. Never carries patient data.
public enum CatalogError: Error, CustomStringConvertible, Sendable {
    /// SQLite reported an error for the catalog at `path`.
    case database(path: String, DatabaseError)
    /// No record of `kind` has the id `id`.
    case notFound(kind: String, id: String)
    /// Column `column` holds `value`, which is none of the values its enum knows (a catalog written by a
    /// newer MedLake, or edited by hand).
    case unknownValue(column: String, value: String)

    public var description: String {
        switch self {
        case .database(let path, let error):
            return "catalog \(path): \(error.message ?? "SQLite error \(error.resultCode)")"
        case .notFound(let kind, let id):
            return "no \(kind) with id \(id)"
        case .unknownValue(let column, let value):
            return "\(column) holds '\(value)', which this version of MedLake does not know"
        }
    }
}
