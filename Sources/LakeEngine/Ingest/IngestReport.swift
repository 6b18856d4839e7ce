/// What an ingest did: counts by format and modality, new versus already present, flags and problems.
public struct IngestReport: Sendable, Codable, Hashable {
    public var dataset: String
    public var filesSeen: Int = 0
    public var bytesSeen: Int64 = 0
    /// Files whose bytes were new to the dataset.
    public var filesAdded: Int = 0
    /// Files whose bytes the dataset already held: nothing was added for them.
    public var filesAlreadyPresent: Int = 0
    /// Objects written to the tier (a file new to the dataset may reuse an object another dataset stored).
    public var objectsWritten: Int = 0
    public var bytesWritten: Int64 = 0
    /// Files new to the dataset whose object the lake already stored (in any tier, e.g. moved to a colder
    /// one by a migration): linked to the existing object, not written again.
    public var objectsAlreadyStored: Int = 0
    /// New files by format (`DICOM`, `BAM`, `unknown`…).
    public var byFormat: [String: Int] = [:]
    /// New DICOM files by modality.
    public var byModality: [String: Int] = [:]
    /// Quality flags raised by this run, by code.
    public var flagsRaised: [String: Int] = [:]
    /// Files that could not be used, with the reason.
    public var errors: [Problem] = []
    /// Paths not read at all (special files, links out of the roots).
    public var skipped: [Problem] = []
    public var seconds: Double = 0

    public struct Problem: Sendable, Codable, Hashable {
        public var path: String
        public var reason: String
    }

    /// Counts a batch contributes before its rows are written (see ``add(_:)``).
    struct Tally: Sendable {
        var filesAlreadyPresent = 0
        var objectsWritten = 0
        var bytesWritten: Int64 = 0
        var objectsAlreadyStored = 0
        var errors: [Problem] = []
    }

    /// Adds a batch's tally.
    mutating func add(_ tally: Tally) {
        filesAlreadyPresent += tally.filesAlreadyPresent
        objectsWritten += tally.objectsWritten
        bytesWritten += tally.bytesWritten
        objectsAlreadyStored += tally.objectsAlreadyStored
        errors += tally.errors
    }

    /// True when nothing new entered the catalog.
    public var addedNothing: Bool { filesAdded == 0 && flagsRaised.isEmpty }
}
