import ArgumentParser
import DICOM
import Foundation

/// `medlake make-sample-data FOLDER` (hidden): writes the synthetic DICOM of `SampleLake/sources/imaging`.
///
/// Five patients: a CT head volume with a missing slice, an MR head volume, a chest CR, an ultrasound,
/// a SEG over the CT, and a CR whose PatientName and SeriesDescription hold terminal escape sequences
/// (`ESC[2J`, OSC 52) to prove the workbench shows them sanitized. Deterministic: rerunning writes the
/// same bytes.
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-sample-data", abstract: "Write the sample lake's synthetic DICOM files.",
        shouldDisplay: false)

    @Argument(help: "The folder to write into (created).")
    var folder: String

    /// PatientName of the hostile instance: clear-screen and an OSC 52 clipboard write.
    static let hostileName = "Evil^\u{1B}[2J\u{1B}]52;c;aGFja2Vk\u{07}Mallory"

    func run() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let size = 64
        // Patient 0: CT head, 16 slices, slice 9 missing.
        for slice in 0..<16 where slice != 8 {
            try write(patient: 0, series: 0, instance: slice, modality: .CT, size: size, name: "ct-head",
                      pixels: Phantom.ctSlice(size: size, z: Double(slice) / 7.5 - 1), window: (40, 400))
        }
        // Patient 0: SEG over the CT.
        try write(patient: 0, series: 1, instance: 0, modality: .SEG, size: size, name: "seg-ventricle",
                  pixels: Phantom.mask(size: size), window: nil)
        // Patient 1: MR head, 12 slices.
        for slice in 0..<12 {
            try write(patient: 1, series: 0, instance: slice, modality: .MR, size: size, name: "mr-head",
                      pixels: Phantom.mrSlice(size: size, z: Double(slice) / 5.5 - 1), window: (600, 1200))
        }
        // Patient 2: chest CR and an ultrasound study.
        try write(patient: 2, series: 0, instance: 0, modality: .CR, size: 96, name: "cr-chest",
                  pixels: Phantom.chest(size: 96), window: (2000, 3600))
        for frame in 0..<3 {
            try write(patient: 2, series: 1, instance: frame, modality: .US, size: size, name: "us-abdomen",
                      pixels: Phantom.ultrasound(size: size, seed: frame), window: nil)
        }
        // Patient 2: the same ultrasound once more, RLE-compressed (previews say "compressed: RLE").
        try write(patient: 2, series: 2, instance: 0, modality: .US, size: size, name: "us-rle",
                  pixels: Phantom.ultrasound(size: size, seed: 9), window: nil, rle: true)
        // Patient 3: a second CT (PHI kept, as every raw file) and a second MR series.
        for slice in 0..<6 {
            try write(patient: 3, series: 0, instance: slice, modality: .CT, size: size, name: "ct-follow-up",
                      pixels: Phantom.ctSlice(size: size, z: Double(slice) / 2.5 - 1), window: (40, 80))
        }
        for slice in 0..<4 {
            try write(patient: 3, series: 1, instance: slice, modality: .MR, size: size, name: "mr-follow-up",
                      pixels: Phantom.mrSlice(size: size, z: Double(slice) / 1.5 - 1), window: (600, 1200))
        }
        // Patient 4: hostile text in PatientName and SeriesDescription.
        try write(patient: 4, series: 0, instance: 0, modality: .CR, size: 64, name: "cr-hostile",
                  pixels: Phantom.chest(size: 64), window: (2000, 3600), hostile: true)
    }

    private func write(
        patient: Int, series: Int, instance: Int, modality: SyntheticInstance.Modality, size: Int, name: String,
        pixels: [UInt8], window: (center: Int, width: Int)?, hostile: Bool = false, rle: Bool = false
    ) throws {
        let spec = SyntheticInstance(
            patient: patient, study: 0, series: series, instance: instance, modality: modality, rows: size,
            columns: size, seed: 7)
        var dataSet = SyntheticData.dataSet(for: spec)
        dataSet.set(DataElement(tag: .pixelData, vr: modality == .US || modality == .SEG ? .OB : .OW, value: .bytes(pixels)))
        if let window {
            dataSet.set(.text(AttributeTag(rawValue: 0x0028_1050), .DS, String(window.center)))
            dataSet.set(.text(AttributeTag(rawValue: 0x0028_1051), .DS, String(window.width)))
        }
        if modality == .CT {
            dataSet.set(.text(AttributeTag(rawValue: 0x0028_1052), .DS, "-1024"))
            dataSet.set(.text(AttributeTag(rawValue: 0x0028_1053), .DS, "1"))
        }
        dataSet.set(.text(.seriesDescription, .LO, name))
        if hostile {
            dataSet.set(.text(.patientName, .PN, Self.hostileName))
            dataSet.set(.text(.seriesDescription, .LO, "hostile \u{1B}[2J\u{1B}]52;c;aGFja2Vk\u{07} name"))
        }
        if rle {
            let frame = RLEEncoder.encode8Bit(pixels, columns: size)
            let encapsulated = EncapsulatedPixelData(
                offsetTable: .init(offset: 0, length: 0, bytes: []),
                fragments: [.init(offset: 0, length: frame.count, bytes: frame)])
            dataSet.set(DataElement(tag: .pixelData, vr: .OB, value: .encapsulated(encapsulated)))
        }
        let bytes = try DICOMWriter.part10(dataSet, transferSyntax: rle ? .rleLossless : .explicitVRLittleEndian)
        let folder = self.folder + "/patient\(patient)/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/" + String(format: "%03d.dcm", instance + 1)
        try DICOMWriter.write(bytes, to: file)
    }
}
