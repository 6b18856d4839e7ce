/// Counts from a streaming pass over VCF or BCF records.
public struct VariantStats {
    /// Records read.
    public var records = 0
    /// Records per `CHROM`, in the order contigs first appear.
    public var perContig: [ContigCount] = []
    /// Records whose alleles are all single-base substitutions.
    public var snvs = 0
    /// Records with at least one insertion or deletion allele (REF and ALT lengths differ).
    public var indels = 0
    /// Everything else: MNPs, symbolic (`<DEL>`) and breakend alleles, records without ALT.
    public var others = 0
    /// Records whose FILTER is `PASS`.
    public var passed = 0

    /// Empty counts.
    public init() {}

    /// `passed / records`, or nil without records.
    public var passFraction: Double? { records > 0 ? Double(passed) / Double(records) : nil }

    /// One contig's record count.
    public struct ContigCount {
        /// The `CHROM` value.
        public var contig: String
        /// Records on it.
        public var records: Int
    }

    /// The class of one record's alleles.
    enum VariantClass { case snv, indel, other }

    mutating func add(_ variantClass: VariantClass, passed isPass: Bool) {
        records += 1
        switch variantClass {
        case .snv: snvs += 1
        case .indel: indels += 1
        case .other: others += 1
        }
        if isPass { passed += 1 }
    }

    /// Adds one record to `contig`'s count; `lastIndex` caches the previous contig since files are sorted.
    mutating func addContig(_ name: UnsafeRawBufferPointer, lastIndex: inout Int?) {
        if let index = lastIndex, perContig[index].contig.utf8.elementsEqual(name) {
            perContig[index].records += 1
            return
        }
        if let index = perContig.firstIndex(where: { $0.contig.utf8.elementsEqual(name) }) {
            perContig[index].records += 1
            lastIndex = index
            return
        }
        perContig.append(ContigCount(contig: String(decoding: name, as: UTF8.self), records: 1))
        lastIndex = perContig.count - 1
    }

    /// Classifies a record allele by allele, without collecting the alleles.
    struct Classifier {
        private let referenceLength: Int
        private var sawSNV = false
        private var sawOther = false
        private var sawIndel = false

        init(referenceLength: Int) {
            self.referenceLength = referenceLength
        }

        /// Adds one ALT allele; `.` and `*` (no allele, overlapping deletion) are ignored.
        mutating func add(_ allele: UnsafeRawBufferPointer) {
            if allele.count == 1, allele[0] == 0x2e || allele[0] == 0x2a { return }
            if allele.contains(where: { $0 == 0x3c || $0 == 0x5b || $0 == 0x5d }) {
                sawOther = true
            } else if allele.count != referenceLength {
                sawIndel = true
            } else if referenceLength == 1 {
                sawSNV = true
            } else {
                sawOther = true
            }
        }

        /// Indel when any allele is one, SNV when all are single-base substitutions, else other.
        var result: VariantClass {
            if sawIndel { return .indel }
            return sawSNV && !sawOther ? .snv : .other
        }

        /// Adds every allele of a comma-separated ALT column.
        mutating func add(alternates: UnsafeRawBufferPointer) {
            var start = 0
            for index in 0...alternates.count where index == alternates.count || alternates[index] == 0x2c {
                add(UnsafeRawBufferPointer(rebasing: alternates[start..<index]))
                start = index + 1
            }
        }
    }
}

// MARK: - Conformances

extension VariantStats: Sendable {}
extension VariantStats: Hashable {}
extension VariantStats: Codable {}
extension VariantStats.ContigCount: Sendable {}
extension VariantStats.ContigCount: Hashable {}
extension VariantStats.ContigCount: Codable {}
