import Foundation
import GRDB
import NIOCore
import PostgresNIO

/// Values crossing the PostgreSQL side of the seam: arguments go out as untyped literals, rows come back as
/// GRDB `Row`s holding what SQLite would have held, so records decode unchanged on both engines.
///
/// Arguments are sent the way SQLite takes them: as text with no type (OID 0), which the server types from
/// the column or operator it meets, as it does for a quoted literal. A date (GRDB's
/// `yyyy-MM-dd HH:mm:ss.SSS`, UTC, and the session's time zone is UTC) thus lands in a `timestamptz`
/// column, `1`/`0` in a `boolean` one, digits in a `bigint` one, and `\x…` hex in a `bytea` one, with
/// no per-column type table to keep in step with the schema. The one limit: a placeholder whose type
/// nothing in the statement decides (`SELECT ?`, `? IS NULL` alone) needs a `CAST(? AS …)`.
///
/// Results are read by the type the server reports: integers as `Int64`, booleans as 1/0 (GRDB reads
/// `Bool` from integers), `timestamptz` as GRDB's date text (so `Date` columns decode as on SQLite),
/// `bytea` as a blob, text as text. Any other type is a typed error naming the column.
enum PostgresValues {
    /// An argument in PostgreSQL's text form, bound with no type so the server infers it.
    struct Literal: PostgresDynamicTypeEncodable {
        let text: String

        var psqlType: PostgresDataType { .null }
        var psqlFormat: PostgresFormat { .text }

        func encode<JSONEncoder: PostgresJSONEncoder>(
            into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
        ) {
            byteBuffer.writeString(text)
        }
    }

    /// The bindings for `arguments`, in order: NULL for nil, an untyped literal otherwise.
    static func bindings(_ arguments: CatalogArguments) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            if let text = text(of: argument) {
                bindings.append(Literal(text: text))
            } else {
                bindings.appendNull()
            }
        }
        return bindings
    }

    /// `value` in PostgreSQL's text form, as a literal of the column's type reads it; nil for NULL.
    static func text(of value: (any DatabaseValueConvertible)?) -> String? {
        switch (value?.databaseValue ?? .null).storage {
        case .null: nil
        case .int64(let value): String(value)
        case .double(let value): literal(value)
        case .string(let value): value
        case .blob(let data): "\\x" + data.map { hexDigits[Int($0)] }.joined()
        }
    }

    private static let hexDigits = (0...255).map { String(format: "%02x", $0) }

    /// A double in a form PostgreSQL's `float8` input reads back exactly.
    private static func literal(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }

    /// The GRDB row holding `row`'s columns, by name (see ``CatalogConnection`` on why names must be unique).
    /// - Throws: ``CatalogError/conversion(sql:column:found:)`` for a column of a type the catalog never uses.
    static func row(_ row: PostgresRow, sql: String) throws -> Row {
        var columns: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in row {
            columns[cell.columnName] = try value(cell, sql: sql)
        }
        return Row(columns)
    }

    private static func value(_ cell: PostgresCell, sql: String) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8:
                return try cell.decode(Int64.self).databaseValue
            case .bool:
                return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
            case .float4, .float8:
                return try cell.decode(Double.self).databaseValue
            case .text, .varchar, .bpchar, .name:
                return try cell.decode(String.self).databaseValue
            case .timestamptz, .timestamp:
                return try cell.decode(Date.self).databaseValue
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                return Data(buffer.readBytes(length: buffer.readableBytes) ?? []).databaseValue
            default:
                throw CatalogError.conversion(sql: sql, column: cell.columnName, found: "PostgreSQL type \(cell.dataType)")
            }
        } catch let error as PostgresDecodingError {
            throw CatalogError.conversion(
                sql: sql, column: cell.columnName, found: "undecodable \(cell.dataType) (\(error.code))")
        }
    }
}
