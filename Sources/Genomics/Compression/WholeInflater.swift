/// Inflates a whole gzip or BGZF file in memory, for the rewriters that re-emit a derived copy.
enum WholeInflater {
    /// The decompressed bytes of `bytes`.
    /// - Throws: ``GenomicsError`` for damaged compression, or `.tooLarge` past `limit` bytes (`what`
    ///   names the file kind in the message).
    static func inflate(_ bytes: [UInt8], limit: Int, what: String) throws -> [UInt8] {
        let inflater = try Inflater(ByteSource(bytes: bytes))
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2 * BGZFBlock.maximumSize)
        while true {
            let count = try buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return try inflater.produce(into: base, capacity: raw.count)
            }
            if count == 0 { break }
            guard output.count + count <= limit else {
                throw GenomicsError(.tooLarge, detail: "the \(what) inflates to more than \(limit) bytes")
            }
            output += buffer[0..<count]
        }
        return output
    }
}
