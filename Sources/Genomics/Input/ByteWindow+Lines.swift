#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ByteWindow {
    /// The next line without its `\n` or `\r\n`, or nil at the end of the stream. The bytes stay valid
    /// until the next call on this window. A last line without a newline is returned as is.
    func nextLine() throws -> UnsafeRawBufferPointer? {
        var scanned = 0
        while true {
            let unread = count
            if unread > scanned, let found = memchr(pointer + scanned, 0x0a, unread - scanned) {
                let newline = UnsafeRawPointer(found) - pointer
                let line = trimmingCarriageReturn(UnsafeRawBufferPointer(start: pointer, count: newline))
                consume(newline + 1)
                return line
            }
            scanned = unread
            if try !fillMore() {
                guard count > 0 else { return nil }
                let line = trimmingCarriageReturn(UnsafeRawBufferPointer(start: pointer, count: count))
                consume(count)
                return line
            }
        }
    }

    private func trimmingCarriageReturn(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let last = line.last, last == 0x0d {
            return UnsafeRawBufferPointer(rebasing: line.dropLast())
        }
        return line
    }
}
