import Catalog
import Foundation

/// The kinds of DICOM server a dataset is pulled from.
public enum RemoteSourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Orthanc's REST API: the `/changes` feed, resumed after a cursor.
    case orthanc
    /// A DICOMweb server: QIDO-RS listings and WADO-RS retrieval.
    case dicomweb

    var record: RemoteSource.Kind {
        switch self {
        case .orthanc: .orthanc
        case .dicomweb: .dicomweb
        }
    }
}

/// A pull from a DICOM server into a dataset (``IngestOperations/pull(_:credentials:progress:)``).
public struct RemotePull: Sendable, Hashable, Codable {
    public var kind: RemoteSourceKind
    /// The server's base URL, without credentials.
    public var url: String
    public var dataset: String
    /// Orthanc only: start after this change number instead of where the last pull stopped.
    public var since: Int64?
    /// Keep files of unknown format as opaque objects.
    public var keepUnknown: Bool

    public init(kind: RemoteSourceKind, url: String, dataset: String, since: Int64? = nil, keepUnknown: Bool = false) {
        self.kind = kind
        self.url = url
        self.dataset = dataset
        self.since = since
        self.keepUnknown = keepUnknown
    }
}

/// SOP Instance UIDs of one dataset: the body of `POST /v1/instances/catalogued` (the UIDs asked about)
/// and its answer (those the dataset catalogs, sorted); see ``IngestOperations/cataloguedInstances(dataset:among:)``.
public struct CataloguedInstances: Sendable, Hashable, Codable {
    public var dataset: String
    public var sopInstanceUIDs: [String]

    public init(dataset: String, sopInstanceUIDs: [String]) {
        self.dataset = dataset
        self.sopInstanceUIDs = sopInstanceUIDs
    }
}

/// Which remote source of a dataset ``IngestOperations/remoteSource(_:)`` looks up.
public struct RemoteSourceQuery: Sendable, Hashable, Codable {
    public var dataset: String
    public var kind: RemoteSourceKind
    public var url: String

    public init(dataset: String, kind: RemoteSourceKind, url: String) {
        self.dataset = dataset
        self.kind = kind
        self.url = url
    }
}

/// Where the pulls of a dataset from one server stopped: every change up to `cursor` is committed.
public struct RemoteSourceOverview: Sendable, Hashable, Codable {
    public var dataset: String
    public var kind: RemoteSourceKind
    public var url: String
    /// The server's change number the next pull starts after (0: never pulled).
    public var cursor: Int64
    public var instancesIngested: Int64
    /// When a pull last advanced it; nil when never pulled.
    public var updatedAt: Date?

    public init(
        dataset: String, kind: RemoteSourceKind, url: String, cursor: Int64, instancesIngested: Int64, updatedAt: Date?
    ) {
        self.dataset = dataset
        self.kind = kind
        self.url = url
        self.cursor = cursor
        self.instancesIngested = instancesIngested
        self.updatedAt = updatedAt
    }
}
