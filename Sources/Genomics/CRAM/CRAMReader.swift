import CZlib

/// Reads a CRAM file's structure (CRAM 2.1/3.x): the file definition, the SAM header block of the first
/// container, then every container header for counts, skipping container bodies without reading them.
/// - warning: **Not thread-safe.**
public final class CRAMReader {
    /// The file definition facts and the counts so far.
    public private(set) var facts: CRAMFacts
    /// The SAM header from the first container.
    public private(set) var header = SAMHeader()

    private let window: ByteWindow<ByteSource>
    private let majorVersion: UInt8

    /// The codec names of CRAM block compression methods (CRAM 3.1 §8).
    private static let codecNames = [
        "raw", "gzip", "bzip2", "lzma", "rANS4x8", "rANS4x16", "arithmetic", "fqzcomp", "name tokeniser",
    ]
    /// The largest SAM header this reader inflates.
    private static let maximumHeaderSize = 256 * 1024 * 1024

    /// Reads the file definition and the header container from `source`.
    init(source: ByteSource) throws {
        window = ByteWindow(source, initialCapacity: 64 * 1024)
        guard try window.ensure(26) else {
            if window.count == 0 { throw GenomicsError(.empty, offset: 0, detail: "the CRAM holds no bytes") }
            throw GenomicsError.truncated(at: 0, field: "file definition", "the file ends inside its 26 bytes")
        }
        let definition = window.bytes
        guard definition.starts(with: "CRAM".utf8) else { throw GenomicsError.badMagic(at: 0, "expected CRAM") }
        majorVersion = definition[4]
        let idBytes = definition[6..<26].prefix { $0 != 0 }
        facts = CRAMFacts(version: "\(definition[4]).\(definition[5])",
                          fileID: String(decoding: idBytes, as: UTF8.self))
        guard (2...3).contains(majorVersion) else {
            throw GenomicsError(.unsupportedFormat, offset: 4, field: "major version",
                                detail: "CRAM \(facts.version) is not 2.x or 3.x")
        }
        window.consume(26)
        try readHeaderContainer()
    }

    /// Reads every remaining container header, counting containers and records; stops after the EOF
    /// container. On error, ``facts`` keeps the counts so far.
    public func countContainers() throws {
        while true {
            let start = window.offset
            guard let container = try readContainerHeader() else { return }
            if container.isEOF {
                facts.eofContainer = true
                try skipBody(container, from: start)
                if try window.ensure(1) {
                    facts.eofContainer = false
                    continue
                }
                return
            }
            facts.containers += 1
            facts.records += Int64(container.records)
            try skipBody(container, from: start)
        }
    }

    /// The EOF containers htslib writes for CRAM 3.x and 2.1.
    static let eofContainers: [[UInt8]] = [
        [0x0f, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xe0, 0x45, 0x4f, 0x46, 0x00, 0x00, 0x00, 0x00, 0x01,
         0x00, 0x05, 0xbd, 0xd9, 0x4f, 0x00, 0x01, 0x00, 0x06, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0xee, 0x63,
         0x01, 0x4b],
        [0x0b, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xe0, 0x45, 0x4f, 0x46, 0x00, 0x00, 0x00, 0x00, 0x01,
         0x00, 0x00, 0x01, 0x00, 0x06, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00],
    ]

    /// True when the file's last bytes are an EOF container, checked without reading the file (as
    /// `samtools quickcheck` does). Nil when the source size is unknown.
    static func endsWithEOFContainer(_ source: ByteSource) throws -> Bool? {
        guard let size = source.size else { return nil }
        for marker in eofContainers where size >= Int64(marker.count) + 26 {
            if try source.bytes(at: size - Int64(marker.count), count: marker.count) == marker { return true }
        }
        return false
    }

    // MARK: - Containers

    private struct ContainerHeader {
        var length: Int
        var referenceID: Int32
        var start: Int32
        var records: Int32
        var blocks: Int32
        var isEOF: Bool { referenceID == -1 && start == 4_542_278 && records == 0 }
    }

    /// Reads one container header; nil at a clean end of file.
    private func readContainerHeader() throws -> ContainerHeader? {
        let offset = window.offset
        guard try window.ensure(1) else { return nil }
        _ = try window.ensure(4 + 5 * 5 + 9 * 2 + 5 * 2 + 4)
        var cursor = 0
        func truncated() -> GenomicsError {
            GenomicsError.truncated(at: offset, field: "container header", "the file ends inside a container header")
        }
        guard window.count >= 4 else { throw truncated() }
        let length = Int(window.pointer.loadUnaligned(as: Int32.self).littleEndian)
        guard length >= 0 else {
            throw GenomicsError.badBlockSize(at: offset, field: "length", "negative container length \(length)")
        }
        cursor = 4
        func itf8() throws -> Int32 {
            guard let (value, used) = VariableLengthIntegers.itf8(window.bytes, at: cursor) else { throw truncated() }
            cursor += used
            return value
        }
        func ltf8() throws -> Int64 {
            guard let (value, used) = VariableLengthIntegers.ltf8(window.bytes, at: cursor) else { throw truncated() }
            cursor += used
            return value
        }
        let referenceID = try itf8()
        let start = try itf8()
        _ = try itf8()
        let records = try itf8()
        _ = try ltf8()
        _ = try ltf8()
        let blocks = try itf8()
        let landmarks = try itf8()
        guard records >= 0, blocks >= 0, landmarks >= 0 else {
            throw GenomicsError.badBlockSize(at: offset, field: "container header", "negative count")
        }
        for _ in 0..<landmarks {
            if cursor + 5 > window.count { _ = try window.ensure(cursor + 5) }
            _ = try itf8()
        }
        if majorVersion >= 3 {
            guard try window.ensure(cursor + 4) else { throw truncated() }
            let stored = window.pointer.loadUnaligned(fromByteOffset: cursor, as: UInt32.self).littleEndian
            let computed = UInt32(truncatingIfNeeded: crc32(0, window.pointer.assumingMemoryBound(to: UInt8.self),
                                                           UInt32(cursor)))
            guard stored == computed else {
                throw GenomicsError(.checksumMismatch, offset: offset, field: "container CRC32",
                                    detail: "the container header CRC32 does not match")
            }
            cursor += 4
        }
        window.consume(cursor)
        return ContainerHeader(length: length, referenceID: referenceID, start: start, records: records,
                               blocks: blocks)
    }

    private func skipBody(_ container: ContainerHeader, from offset: Int64) throws {
        let inWindow = min(window.count, container.length)
        window.consume(inWindow)
        let rest = Int64(container.length - inWindow)
        guard rest > 0 else { return }
        let skipped = try window.producer.skip(rest)
        window.skipped(skipped)
        guard skipped == rest else {
            throw GenomicsError.truncated(at: offset, field: "length",
                                          "the container needs \(container.length) bytes after its header")
        }
    }

    // MARK: - Header container

    private func readHeaderContainer() throws {
        let offset = window.offset
        guard let container = try readContainerHeader() else {
            throw GenomicsError.truncated(at: offset, field: "header container", "the file ends after its definition")
        }
        guard container.length > 0, try window.ensure(container.length) else {
            throw GenomicsError.truncated(at: offset, field: "header container",
                                          "the header container needs \(container.length) bytes")
        }
        let body = UnsafeRawBufferPointer(start: window.pointer, count: container.length)
        let blockOffset = window.offset
        guard body.count >= 2 else {
            throw GenomicsError.truncated(at: blockOffset, field: "block", "the header block is cut")
        }
        let method = Int(body[0])
        var cursor = 2
        func value() throws -> Int32 {
            guard let (value, used) = VariableLengthIntegers.itf8(body, at: cursor) else {
                throw GenomicsError.truncated(at: blockOffset, field: "block header", "the header block is cut")
            }
            cursor += used
            return value
        }
        _ = try value()
        let compressedSize = Int(try value())
        let rawSize = Int(try value())
        guard compressedSize >= 0, rawSize >= 0, cursor + compressedSize <= body.count else {
            throw GenomicsError.badBlockSize(at: blockOffset, field: "block size",
                                             "the header block sizes exceed its container")
        }
        guard rawSize <= CRAMReader.maximumHeaderSize else {
            throw GenomicsError(.tooLarge, offset: blockOffset, field: "raw size",
                                detail: "a \(rawSize)-byte SAM header is larger than this reader accepts")
        }
        let data = UnsafeRawBufferPointer(rebasing: body[cursor..<(cursor + compressedSize)])
        facts.headerCodec = method < CRAMReader.codecNames.count ? CRAMReader.codecNames[method] : "method \(method)"
        let content: [UInt8]
        switch method {
        case 0: content = Array(data)
        case 1: content = try CRAMReader.gunzip(data, expected: rawSize, offset: blockOffset)
        default:
            throw GenomicsError(.unsupportedCodec, offset: blockOffset, field: "block method",
                                detail: "unsupported header codec \(facts.headerCodec ?? "")")
        }
        guard content.count >= 4 else {
            throw GenomicsError.truncated(at: blockOffset, field: "l_text", "the header block has no text length")
        }
        let textLength = content.withUnsafeBytes { Int($0.loadUnaligned(as: Int32.self).littleEndian) }
        guard textLength >= 0, textLength <= content.count - 4 else {
            throw GenomicsError.badBlockSize(at: blockOffset, field: "l_text",
                                             "header text length \(textLength) exceeds the block")
        }
        header = SAMHeader(text: String(decoding: content[4..<(4 + textLength)], as: UTF8.self))
        window.consume(container.length)
    }

    private static func gunzip(_ data: UnsafeRawBufferPointer, expected: Int, offset: Int64) throws -> [UInt8] {
        do {
            let inflater = try Inflater(ByteSource(bytes: Array(data)))
            let output = ByteWindow(inflater)
            while try output.fillMore() {
                if output.count > expected { break }
            }
            return Array(output.bytes)
        } catch let error as GenomicsError {
            throw GenomicsError(error.reason, offset: offset, field: "header block", detail: error.detail)
        }
    }
}
