import Foundation
@testable import LakeEngine

/// A lake in a fresh temporary folder, removed by ``remove()``.
struct TempLake {
    let lake: Lake
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "workbench-" + UUID().uuidString
        lake = try Lake.create(at: folder + "/lake")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
