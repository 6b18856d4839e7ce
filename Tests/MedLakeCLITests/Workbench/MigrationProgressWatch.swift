import Foundation
import TestSupport

/// What the Migrations screen showed of the job in focus while it ran: every distinct progress percentage
/// seen across captures, and whether the job was seen finished (50/50 objects, its pane saying `done`).
struct MigrationProgressWatch {
    var seen: [Double] = []
    var finished = false

    /// Captures `tmux` every 100 ms, with no input, until the job finishes or `timeout` passes.
    init(_ tmux: TmuxSession, timeout: TimeInterval = 60) {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end, !finished {
            let screen = tmux.capture()
            if screen.contains(/│running +worker pid/), let match = screen.firstMatch(of: /(\d+\.\d)%/),
                let value = Double(match.1), seen.last != value
            {
                seen.append(value)
            }
            finished = screen.contains("50/50") && screen.contains(/│done +no worker/)
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
