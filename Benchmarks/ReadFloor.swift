// The I/O floor for header indexing: open, read the first 16 KiB, close — for every listed file.
// Compiled by dicom-index.sh with `swiftc -O`; no DICOM parsing, so no indexer can beat it.
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

@main
struct ReadFloor {
    static func main() {
        guard CommandLine.arguments.count == 2, let list = fopen(CommandLine.arguments[1], "r") else {
            fputs("usage: read-floor LIST\n", stderr)
            exit(2)
        }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        var files = 0
        var bytes = 0
        while getline(&line, &capacity, list) > 0 {
            guard let line else { break }
            line[strcspn(line, "\n")] = 0
            let descriptor = open(line, O_RDONLY)
            if descriptor < 0 { continue }
            bytes += buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            files += 1
        }
        print("files=\(files) bytes=\(bytes)")
    }
}
