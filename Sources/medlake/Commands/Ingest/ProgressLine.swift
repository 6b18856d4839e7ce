import Foundation
import LakeEngine

/// One self-overwriting progress line on standard error: files, bytes, rate and time left.
final class ProgressLine: Sendable {
    func show(_ progress: IngestProgress) {
        var text = "\r\u{1B}[K\(progress.filesDone)/\(progress.filesTotal) files  "
        text += "\(byteCount(progress.bytesDone))/\(byteCount(progress.bytesTotal))  "
        text += "\(byteCount(Int64(progress.bytesPerSecond)))/s"
        if let left = progress.secondsRemaining { text += "  ETA \(Self.clock(left))" }
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
    }
}
