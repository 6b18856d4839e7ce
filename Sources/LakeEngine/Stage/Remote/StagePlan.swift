import Foundation

/// What the lake service hands a remote caller allowed to stage a version: the manifest, and for each of
/// its files one URL to read the bytes from, valid until ``expiresAt``. Nothing else: no tier
/// credentials, no catalog.
///
/// The caller trusts none of it blindly: the manifest must hash to ``manifest`` and every file's bytes to
/// the manifest's SHA-256 (``fetch(into:options:restoredObjects:open:progress:)``).
///
/// ```json
/// {"id": "3f…", "version": "ct-chest@2", "manifest": "9a…", "manifestBody": "{…}",
///  "expiresAt": "2026-12-07T08:00:00Z", "restoreJob": null, "run": 7,
///  "files": [{"index": 0, "access": "presigned", "url": "https://s3…/objects/ab/cd…?X-Amz-Signature=…", "location": "cold"}]}
/// ```
public struct StagePlan: Codable, Hashable, Sendable {
    /// How a file's URL is read.
    public enum Access: String, Codable, Hashable, Sendable {
        /// A presigned S3 GET: sent as is, with a `Range` header, and never with the service's token.
        case presigned
        /// A path on the lake service (`/v1/stagings/ID/files/N`), sent with the bearer token; the
        /// service streams the object from a filesystem tier.
        case service
    }

    /// Where one manifest entry's bytes come from.
    public struct File: Codable, Hashable, Sendable {
        /// The entry's position in the manifest's `entries`.
        public var index: Int
        public var access: Access
        /// An absolute URL (presigned) or a path on the service starting with `/v1/` (service).
        public var url: String
        /// The tier the bytes are read from, for messages.
        public var location: String

        public init(index: Int, access: Access, url: String, location: String) {
            self.index = index
            self.access = access
            self.url = url
            self.location = location
        }
    }

    /// The staging's id on the service (128 random bits, hex): it names the files' service paths and
    /// the completion call, and is worth nothing to another caller.
    public var id: String
    /// `DATASET@N`.
    public var version: String
    /// The manifest's hash (the version's id).
    public var manifest: String
    /// The canonical manifest, exactly the bytes that hash to ``manifest``.
    public var manifestBody: String
    /// When the URLs stop working (presigned URLs and the service's paths alike).
    public var expiresAt: Date
    /// Set when archived objects are being restored first: the files are empty and the caller waits
    /// for this migration job (`GET /v1/migrations/ID`) to finish, then asks again.
    public var restoreJob: Int64?
    /// The run the staging is bound to.
    public var run: Int64?
    /// One per manifest entry, in manifest order.
    public var files: [File]

    public init(
        id: String, version: String, manifest: String, manifestBody: String, expiresAt: Date, restoreJob: Int64?,
        run: Int64?, files: [File]
    ) {
        self.id = id
        self.version = version
        self.manifest = manifest
        self.manifestBody = manifestBody
        self.expiresAt = expiresAt
        self.restoreJob = restoreJob
        self.run = run
        self.files = files
    }
}
