/// Encapsulated pixel data (PS3.5 §A.4): an item holding the basic offset table, then one item per
/// fragment, closed by a sequence delimiter. MedLake does not decompress; it records where each
/// fragment is so that other tools can read it, and keeps the bytes only when asked to.
public struct EncapsulatedPixelData: Sendable, Equatable {
    /// One item of the encapsulated sequence.
    public struct Fragment: Sendable {
        /// Byte offset of the fragment's bytes in the source.
        public var offset: Int
        /// Number of bytes in the fragment.
        public var length: Int
        /// The bytes, when bulk data was loaded; `nil` when only their position was recorded.
        public var bytes: [UInt8]?

        public init(offset: Int, length: Int, bytes: [UInt8]?) {
            self.offset = offset
            self.length = length
            self.bytes = bytes
        }
    }

    /// The first item: the basic offset table (often empty).
    public var offsetTable: Fragment
    /// The compressed data fragments that follow.
    public var fragments: [Fragment]

    public init(offsetTable: Fragment, fragments: [Fragment]) {
        self.offsetTable = offsetTable
        self.fragments = fragments
    }
}

// MARK: - Equatable

extension EncapsulatedPixelData.Fragment: Equatable {
    /// Fragments are equal when their contents are; where they were read from does not matter.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.length == rhs.length && lhs.bytes == rhs.bytes
    }
}
