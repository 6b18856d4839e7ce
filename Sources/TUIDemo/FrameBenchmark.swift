import TUI

/// Times the demo's frame in the buffer (view + diff against the previous frame) at 200×60, with
/// the transfers advancing every frame as they would on a tick.
enum FrameBenchmark {
    static func run(frames: Int, theme: Theme) -> String {
        let program = DemoProgram()
        let size = Size(width: 200, height: 60)
        var model = DemoProgram.Model(size: size, running: true, tickLimit: nil, themeName: theme.name)
        // Open the tree so it shows nodes at two levels.
        let palette = theme.palette(depth: .ansi256)
        _ = program.update(&model, .key(.tab), now: .zero)
        _ = model.tree.toggle()
        model.tree.setChildren((1...5).map { TreeNode(id: "imaging/\($0)", label: "imaging-\($0)") }, of: "imaging")
        _ = program.update(&model, .key(.tab), now: .zero)
        model.table.selection.select(500_000, count: model.objects.rowCount)
        let clock = ContinuousClock()
        var previous: Buffer?
        var samples: [Duration] = []
        var changed = 0
        for frame in 0..<frames {
            _ = program.update(&model, .tick(Timestamp(nanoseconds: Int64(frame) * 100_000_000)), now: .zero)
            let start = clock.now
            var buffer = Buffer(width: size.width, height: size.height, palette: palette)
            program.view(model, into: &buffer)
            let changes = buffer.changes(from: previous)
            samples.append(clock.now - start)
            if frame > 0 { changed += changes.count }
            previous = buffer
        }
        samples.sort()
        func micros(_ d: Duration) -> String { String(Int((d.seconds * 1e6).rounded())) }
        let median = samples[samples.count / 2]
        let p90 = samples[min(samples.count - 1, samples.count * 9 / 10)]
        let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
        return "frames=\(frames) size=200x60 min_us=\(micros(samples[0])) median_us=\(micros(median)) "
            + "p90_us=\(micros(p90)) p99_us=\(micros(p99)) "
            + "changed_cells_per_tick=\(frames > 1 ? changed / (frames - 1) : 0)"
    }
}
