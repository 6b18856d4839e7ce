/// What an ingest did: counts by format and modality, new versus already present, flags and problems.
public struct IngestReport: Sendable, Codable, Hashable {
    public var dataset: String
    /// This run created the dataset (with the first batch that recorded a file). An ingest in which no file
    /// succeeded creates none.
    public var datasetCreated = false
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
    /// Files that could not be used, with the reason: unreadable or of unknown format, and paths given to
    /// ingest that could not be read at all (missing, unlistable folders).
    public var errors: [Problem] = []
    /// Paths not read on purpose (special files, links out of the roots).
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

    /// How a run went as a whole: the command's exit status.
    public enum Result: String, Sendable, Codable {
        /// Every file found is in the dataset (or none was found).
        case complete
        /// Some files are in the dataset and others failed (listed in ``IngestReport/errors``).
        case partial
        /// Files failed and none succeeded: no dataset was created for them.
        case failed
    }

    /// ``Result/failed`` when there are errors and no file succeeded (a file already in the dataset
    /// counts as a success); ``Result/partial`` when some did.
    public var result: Result {
        if errors.isEmpty { return .complete }
        return filesAdded + filesAlreadyPresent > 0 ? .partial : .failed
    }
}
