/// Something that writes the next bytes of a stream into memory it is given: a file, or a decompressor.
protocol ByteProducer: AnyObject {
    /// The smallest free space ``produce(into:capacity:)`` needs to make progress. A BGZF decompressor asks
    /// for a whole block (64 KiB) so it can inflate straight into the caller's buffer with no extra copy.
    var minimumCapacity: Int { get }

    /// Writes up to `capacity` bytes to `destination`; returns 0 only at the end of the stream.
    func produce(into destination: UnsafeMutableRawPointer, capacity: Int) throws -> Int

    /// The stored-file offset of the structure being read, for error messages.
    var storedOffset: Int64 { get }
}

extension ByteSource: ByteProducer {
    var minimumCapacity: Int { 1 }
    var storedOffset: Int64 { position }

    func produce(into destination: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        try read(into: destination, capacity: capacity)
    }
}
