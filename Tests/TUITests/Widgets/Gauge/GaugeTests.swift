import Testing

@testable import TUI
import TestSupport

@Suite struct GaugeTests {
    @Test func rateAndETAFollowTheRecentSamples() {
        var meter = ProgressMeter(total: 10_000_000)
        meter.record(done: 0, at: .zero)
        #expect(meter.rate == nil)
        meter.record(done: 2_000_000, at: .zero + .seconds(1))
        #expect(meter.rate == 2_000_000)
        #expect(meter.remaining == .seconds(4))
        #expect(meter.label == " 20.0%  2.0 MB/s  ETA 0:04")
        // A stall: the 5 s window forgets the fast start.
        for second in 2...8 { meter.record(done: 2_000_000, at: .zero + .seconds(second)) }
        #expect(meter.rate == 0)
        #expect(meter.remaining == nil)
        meter.record(done: 20_000_000, at: .zero + .seconds(9))
        #expect(meter.isFinished && meter.label.hasSuffix("done"))
    }

    @Test func durationsFormat() {
        #expect(ProgressMeter.format(duration: .seconds(62)) == "1:02")
        #expect(ProgressMeter.format(duration: .seconds(3725)) == "1:02:05")
    }

    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        var meter = ProgressMeter(total: 1000, unit: .items("objects"))
        meter.record(done: 0, at: .zero)
        meter.record(done: 375, at: .zero + .seconds(3))
        let ascii = Theme(name: "t", roles: [:]).palette(depth: .monochrome, glyphs: .ascii)
        let buffer = render(Size(width: size.width, height: 5)) { buffer in
            Gauge(fraction: 0).render(in: buffer.area.row(0), buffer: &buffer)
            Gauge(fraction: 0.53, label: "cold→warm").render(in: buffer.area.row(1), buffer: &buffer)
            Gauge(meter).render(in: buffer.area.row(2), buffer: &buffer)
            Gauge(fraction: 1, label: "done").render(in: buffer.area.row(3), buffer: &buffer)
            var asciiBuffer = Buffer(width: buffer.area.width, height: 1, palette: ascii)
            Gauge(fraction: 0.53, label: "ascii").render(in: asciiBuffer.area, buffer: &asciiBuffer)
            for column in 0..<buffer.area.width { buffer.set(asciiBuffer[column, 0], column: column, row: 4) }
        }
        assertSnapshot(buffer, named: "gauge-\(size.tag)")
    }
}
