import Foundation
import Storage
import TestSupport
import Testing

@testable import LakeEngine

/// Staging from a folder tier on a file system with reflinks (XFS on a loop device): the staged file is a
/// clone, its own inode, and writing it leaves the lake's object as it was.
@Suite(.enabled(if: XFSLoopMount.available, "needs root, mkfs.xfs (xfsprogs) and a loop device; skipped"))
struct ReflinkStageTests {
    @Test func stagedFilesAreClonesTheCallerCanChangeWithoutTouchingTheLake() async throws {
        let mount = try XFSLoopMount()
        defer { mount.remove() }
        let schema = TestCatalog.isSQLite ? nil : try TestPostgresSchema()
        let lake = try Lake.create(
            at: mount.path + "/lake", catalog: TemporaryLake.catalogSettings(schema),
            as: Identity(user: "alice", uid: 1000))
        let input = mount.path + "/input"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for index in 0..<3 {
            try Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* (index + 7)) })
                .write(to: URL(fileURLWithPath: "\(input)/f\(index).bin"))
        }
        _ = try lake.ingest([input], dataset: "a", options: IngestOptions(keepUnknown: true))
        let version = try lake.publishVersion(dataset: "a")

        let directory = mount.path + "/scratch"
        let report = try await lake.stage(version.reference, to: directory)
        #expect(report.methods == [StageMethod.reflink.rawValue: 3])

        let entry = try lake.manifest(version.reference).entries[0]
        let staged = directory + "/" + entry.path.trimmingPrefix("/")
        let object = try lake.tier(named: "hot").path(of: try ObjectDigest(hex: entry.sha256).orThrow())
        let stagedInode = try FileManager.default.attributesOfItem(atPath: staged)[.systemFileNumber] as? Int
        let objectInode = try FileManager.default.attributesOfItem(atPath: object)[.systemFileNumber] as? Int
        #expect(stagedInode != objectInode, "a clone, never a hard link")
        // The staged file's owner may make it writable and write it: the clone's blocks are copied on write.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: staged)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: staged))
        try handle.write(contentsOf: Data(repeating: 0xAA, count: 4096))
        try handle.close()
        #expect(try lake.verifyManifest(version.reference).isIntact, "the lake's object is unchanged")
        let again = try await lake.stage(version.reference, to: directory)
        #expect(again.methods == [StageMethod.alreadyVerified.rawValue: 2, StageMethod.reflink.rawValue: 1])
    }
}

/// A 300 MB XFS file system with reflinks on a loop device, in a fresh temporary folder.
struct XFSLoopMount {
    let image: String
    let path: String

    /// True when this process can make and mount one (root, xfsprogs, loop devices).
    static let available: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/mkfs.xfs")
            || FileManager.default.isExecutableFile(atPath: "/sbin/mkfs.xfs")
        else { return false }
        guard let probe = try? XFSLoopMount() else { return false }
        probe.remove()
        return true
    }()

    init() throws {
        let base = NSTemporaryDirectory() + "xfs-" + UUID().uuidString
        image = base + ".img"
        path = base
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: image, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: image))
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        try Self.run("mkfs.xfs", ["-q", "-m", "reflink=1", image])
        try Self.run("mount", ["-o", "loop", image, path])
    }

    func remove() {
        try? Self.run("umount", [path])
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: image)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LakeError.invalidArgument("\(tool) \(arguments) failed") }
    }
}
