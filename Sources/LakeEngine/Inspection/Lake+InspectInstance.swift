import Catalog
import DICOM
import Storage

extension Lake {
    /// Frames larger than this many pixels are not previewed (decoding one takes 4 bytes a pixel).
    static let previewPixelLimit = 4096 * 4096

    /// The most samples a preview has per side: a frame larger than this is shrunk on the server, so an
    /// answer stays about a megabyte whatever the file (a terminal draws a few hundred cells a side).
    static let previewSideLimit = 512

    /// Reads instance `sopInstanceUID` of dataset `name` from its tier: its tag tree and first frame.
    /// The read is recorded as an access (batched), as every object read is.
    /// - Throws: ``LakeError/notFound(kind:id:)``, or the DICOM reader's error naming the file.
    public func inspectInstance(dataset name: String, sopInstanceUID: String) throws -> InstanceInspection {
        try authorize(.read)
        try authorizeDatasetRead(name, purpose: "inspect")
        let object = try catalog.read { tx in
            try tx.object(datasetId: try existingDataset(named: name, tx).id, sopInstanceUID: sopInstanceUID)
        }
        guard let object, let digest = ObjectDigest(hex: object.sha256) else {
            throw LakeError.notFound(kind: "instance", id: sopInstanceUID)
        }
        let file = try DICOMReader.read(path: try objectPath(digest, tier: object.tier))
        if let id = object.id, accesses.record(id) { try accesses.flush(to: catalog) }
        let tags = DumpLine.lines(for: file.dataSet).map { line in
            TagLine(
                depth: line.depth, tag: line.tag.description, vr: line.vr.map { "\($0)" } ?? "", label: line.label,
                value: line.value, isPrivate: line.tag.isPrivate,
                hasChildren: line.tag == .item || line.vr == .SQ)
        }
        return InstanceInspection(
            sopInstanceUID: sopInstanceUID, tags: tags,
            preview: Self.preview(file.dataSet, transferSyntax: file.transferSyntax))
    }

    /// The first frame of `dataSet`, decoded for native (uncompressed) monochrome pixel data and shrunk to
    /// at most ``previewSideLimit`` samples a side; the window it suggests is the file's, or the full
    /// frame's range.
    static func preview(_ dataSet: DataSet, transferSyntax: TransferSyntax) -> PixelPreview {
        guard let pixelData = dataSet[.pixelData] else { return .unavailable(reason: "no pixel data") }
        if transferSyntax.isEncapsulated { return .compressed(transferSyntax: transferSyntax.uid) }
        let rows = dataSet[.rows]?.integers.first ?? 0
        let columns = dataSet[.columns]?.integers.first ?? 0
        let bits = dataSet[.bitsAllocated]?.integers.first ?? 0
        let samples = dataSet[AttributeTag(rawValue: 0x0028_0002)]?.integers.first ?? 1
        let signed = dataSet[.pixelRepresentation]?.integers.first == 1
        let photometric = dataSet[AttributeTag(rawValue: 0x0028_0004)].map {
            $0.strings(characterSet: dataSet.characterSet).first ?? ""
        } ?? ""
        guard rows > 0, columns > 0, rows * columns <= previewPixelLimit else {
            return .unavailable(reason: "image size \(rows)×\(columns) not previewable")
        }
        guard samples == 1 else { return .unavailable(reason: "\(samples) samples per pixel (colour) not previewed") }
        let count = rows * columns
        let bytes = pixelData.bytes
        var values = [Int32](repeating: 0, count: count)
        switch bits {
        case 1:
            guard bytes.count >= (count + 7) / 8 else { return .unavailable(reason: "pixel data too short") }
            for index in 0..<count { values[index] = Int32((bytes[index / 8] >> (index % 8)) & 1) }
        case 8:
            guard bytes.count >= count else { return .unavailable(reason: "pixel data too short") }
            for index in 0..<count { values[index] = signed ? Int32(Int8(bitPattern: bytes[index])) : Int32(bytes[index]) }
        case 16:
            guard bytes.count >= count * 2 else { return .unavailable(reason: "pixel data too short") }
            for index in 0..<count {
                let first = UInt16(bytes[index * 2]), second = UInt16(bytes[index * 2 + 1])
                let raw = transferSyntax.isBigEndian ? first << 8 | second : second << 8 | first
                values[index] = signed ? Int32(Int16(bitPattern: raw)) : Int32(raw)
            }
        default:
            return .unavailable(reason: "\(bits) bits allocated not previewed")
        }
        let slope = dataSet[AttributeTag(rawValue: 0x0028_1053)]?.decimals.first ?? 1
        let intercept = dataSet[AttributeTag(rawValue: 0x0028_1052)]?.decimals.first ?? 0
        if slope != 1 || intercept != 0 {
            for index in values.indices {
                values[index] = Int32(clamping: Int((Double(values[index]) * slope + intercept).rounded()))
            }
        }
        let low = Double(values.min() ?? 0), high = Double(values.max() ?? 1)
        let center = dataSet[AttributeTag(rawValue: 0x0028_1050)]?.decimals.first ?? (low + high) / 2
        let width = dataSet[AttributeTag(rawValue: 0x0028_1051)]?.decimals.first ?? max(1, high - low)
        let frame = PixelFrame(
            width: columns, height: rows, sourceWidth: columns, sourceHeight: rows, values: values,
            windowCenter: center, windowWidth: width, inverted: photometric == "MONOCHROME1")
        return .frame(frame.downsampled(toFit: previewSideLimit))
    }
}
