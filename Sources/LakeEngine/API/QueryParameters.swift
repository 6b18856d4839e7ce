import Foundation

/// A listing's filters, order and page as URL query parameters (`?modality=CT&offset=200&limit=100`), so
/// `LakeClient` and the lake service agree on one spelling.
///
/// Decoding throws ``LakeError/invalidArgument(_:)`` naming the parameter, never guesses.
public protocol QueryParameters {
    /// The non-default parameters, in a stable order.
    var parameters: [(String, String)] { get }
    /// The query `parameters` describe; absent ones take their defaults.
    init(parameters: [String: String]) throws
}

// MARK: - Reading values

extension [String: String] {
    func value<T: LosslessStringConvertible>(_ name: String, as _: T.Type = T.self) throws -> T? {
        guard let text = self[name] else { return nil }
        guard let value = T(text) else { throw LakeError.invalidArgument("Query parameter '\(name)' is not valid: \(text)") }
        return value
    }

    func value<T: RawRepresentable>(_ name: String, as _: T.Type = T.self) throws -> T? where T.RawValue == String {
        guard let text = self[name] else { return nil }
        guard let value = T(rawValue: text) else {
            throw LakeError.invalidArgument("Query parameter '\(name)' is not valid: \(text)")
        }
        return value
    }

    func date(_ name: String) throws -> Date? {
        guard let text = self[name] else { return nil }
        guard let date = try? Date(text, strategy: .iso8601) else {
            throw LakeError.invalidArgument("Query parameter '\(name)' is not an ISO 8601 time: \(text)")
        }
        return date
    }

    var page: PageRequest {
        get throws {
            PageRequest(
                offset: try value("offset") ?? 0, limit: try value("limit") ?? PageRequest.first.limit,
                knownTotal: try value("total"))
        }
    }
}

/// The parameters of the pairs whose value is present.
func present(_ pairs: [(String, String?)]) -> [(String, String)] {
    pairs.compactMap { name, value in value.map { (name, $0) } }
}

extension PageRequest {
    var parameters: [(String, String)] {
        [("offset", String(offset)), ("limit", String(limit))] + present([("total", knownTotal.map(String.init))])
    }
}

// MARK: - Queries

extension DatasetQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([
            ("modality", modality), ("assay", assay), ("zone", zone), ("sort", sort.rawValue),
            ("descending", descending ? "true" : nil), ("text", text),
        ]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        self.init(
            modality: parameters["modality"], assay: parameters["assay"], zone: parameters["zone"],
            sort: try parameters.value("sort") ?? .name, descending: try parameters.value("descending") ?? false,
            text: parameters["text"], page: try parameters.page)
    }
}

extension StudyQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([
            ("dataset", dataset), ("sort", sort == .date ? nil : sort.rawValue), ("descending", descending ? "true" : nil),
            ("text", text), ("containing", containing),
        ]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        self.init(
            dataset: parameters["dataset"], sort: try parameters.value("sort") ?? .date,
            descending: try parameters.value("descending") ?? false, text: parameters["text"],
            containing: parameters["containing"], page: try parameters.page)
    }
}

extension SeriesQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([
            ("dataset", dataset), ("study", study), ("sort", sort == .ingested ? nil : sort.rawValue),
            ("descending", descending ? "true" : nil), ("text", text), ("containing", containing),
        ]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        guard let dataset = parameters["dataset"] else { throw LakeError.invalidArgument("Please give a dataset.") }
        self.init(
            dataset: dataset, study: parameters["study"], sort: try parameters.value("sort") ?? .ingested,
            descending: try parameters.value("descending") ?? false, text: parameters["text"],
            containing: parameters["containing"], page: try parameters.page)
    }
}

extension InstanceQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([
            ("dataset", dataset), ("series", series), ("sort", sort == .number ? nil : sort.rawValue),
            ("descending", descending ? "true" : nil), ("text", text),
        ]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        guard let dataset = parameters["dataset"] else { throw LakeError.invalidArgument("Please give a dataset.") }
        guard let series = parameters["series"] else { throw LakeError.invalidArgument("Please give a series.") }
        self.init(
            dataset: dataset, series: series, sort: try parameters.value("sort") ?? .number,
            descending: try parameters.value("descending") ?? false, text: parameters["text"], page: try parameters.page)
    }
}

extension InstanceInspectionQuery: QueryParameters {
    public var parameters: [(String, String)] { [("dataset", dataset), ("instance", sopInstanceUID)] }

    public init(parameters: [String: String]) throws {
        guard let dataset = parameters["dataset"] else { throw LakeError.invalidArgument("Please give a dataset.") }
        guard let instance = parameters["instance"] else {
            throw LakeError.invalidArgument("Please give an instance (a SOP Instance UID).")
        }
        self.init(dataset: dataset, sopInstanceUID: instance)
    }
}

extension GenomicFileQuery: QueryParameters {
    public var parameters: [(String, String)] { [("dataset", dataset), ("sample", sample)] + page.parameters }

    public init(parameters: [String: String]) throws {
        guard let dataset = parameters["dataset"] else { throw LakeError.invalidArgument("Please give a dataset.") }
        guard let sample = parameters["sample"] else { throw LakeError.invalidArgument("Please give a sample.") }
        self.init(dataset: dataset, sample: sample, page: try parameters.page)
    }
}

extension GenomicFileInspectionQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([("dataset", dataset), ("sample", sample), ("sha256", sha256), ("streaming", streaming ? "true" : nil)])
    }

    public init(parameters: [String: String]) throws {
        guard let dataset = parameters["dataset"] else { throw LakeError.invalidArgument("Please give a dataset.") }
        guard let sample = parameters["sample"] else { throw LakeError.invalidArgument("Please give a sample.") }
        guard let sha256 = parameters["sha256"] else {
            throw LakeError.invalidArgument("Please give a file's sha256.")
        }
        self.init(dataset: dataset, sample: sample, sha256: sha256, streaming: try parameters.value("streaming") ?? false)
    }
}

extension SampleQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([
            ("assay", assay), ("dataset", dataset), ("sort", sort == .dataset ? nil : sort.rawValue),
            ("descending", descending ? "true" : nil), ("text", text),
        ]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        self.init(
            assay: parameters["assay"], dataset: parameters["dataset"], sort: try parameters.value("sort") ?? .dataset,
            descending: try parameters.value("descending") ?? false, text: parameters["text"], page: try parameters.page)
    }
}

extension FlagQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([
            ("state", state?.rawValue), ("severity", severity?.rawValue), ("code", code), ("target", target),
            ("dataset", dataset), ("sort", sort == .id ? nil : sort.rawValue), ("descending", descending ? "true" : nil),
            ("text", text),
        ]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        self.init(
            state: try parameters.value("state"), severity: try parameters.value("severity"), code: parameters["code"],
            target: parameters["target"], dataset: parameters["dataset"], sort: try parameters.value("sort") ?? .id,
            descending: try parameters.value("descending") ?? false, text: parameters["text"],
            page: try parameters.page)
    }
}

extension FlagCodeQuery: QueryParameters {
    public var parameters: [(String, String)] { present([("for", kind?.rawValue)]) }

    public init(parameters: [String: String]) throws {
        self.init(kind: try parameters.value("for"))
    }
}

extension PromotionQuery: QueryParameters {
    public var parameters: [(String, String)] { present([("state", state?.rawValue)]) + page.parameters }

    public init(parameters: [String: String]) throws {
        self.init(state: try parameters.value("state"), page: try parameters.page)
    }
}

extension VersionQuery: QueryParameters {
    public var parameters: [(String, String)] { [("dataset", dataset)] + page.parameters }

    public init(parameters: [String: String]) throws {
        guard let dataset = parameters["dataset"] else { throw LakeError.invalidArgument("Please give a dataset.") }
        self.init(dataset: dataset, page: try parameters.page)
    }
}

extension MigrationJobQuery: QueryParameters {
    public var parameters: [(String, String)] { present([("state", state?.rawValue)]) + page.parameters }

    public init(parameters: [String: String]) throws {
        self.init(state: try parameters.value("state"), page: try parameters.page)
    }
}

extension AuditQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([
            ("actor", actor), ("action", action), ("since", since?.formatted(.iso8601)),
            ("newestFirst", newestFirst ? "true" : nil),
        ]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        self.init(
            actor: parameters["actor"], action: parameters["action"], since: try parameters.date("since"),
            newestFirst: try parameters.value("newestFirst") ?? false, page: try parameters.page)
    }
}

extension GrantQuery: QueryParameters {
    public var parameters: [(String, String)] { present([("all", all ? "true" : nil)]) + page.parameters }

    public init(parameters: [String: String]) throws {
        self.init(all: try parameters.value("all") ?? false, page: try parameters.page)
    }
}

extension HoldQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([("dataset", dataset), ("includeReleased", includeReleased ? "true" : nil)]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        self.init(
            dataset: parameters["dataset"], includeReleased: try parameters.value("includeReleased") ?? false,
            page: try parameters.page)
    }
}

extension RunQuery: QueryParameters {
    public var parameters: [(String, String)] {
        present([("manifest", manifest)]) + page.parameters
    }

    public init(parameters: [String: String]) throws {
        self.init(manifest: parameters["manifest"], page: try parameters.page)
    }
}
