import DICOM
import Foundation

/// A CT instance of DOE^JOHN (ID MRN55123, born 1980-03-15, accession ACC77410, mother ROE^MARGARET as
/// responsible person) whose identity is also typed into free text: overlay description and label in
/// groups 6000 and 6002, a curve label in 5000 with curve data in 5002, ImageComments with the birth
/// date, PatientComments naming the mother, person names two sequences deep and a date inside an LT
/// the profile does not list. ``pydicomScript`` writes the same attributes with pydicom.
enum FreeTextFixture {
    static func dataSet() -> DataSet {
        var dataSet = SyntheticData.dataSet(for: SyntheticInstance(
            patient: 1, study: 0, series: 0, instance: 0, modality: .CT, rows: 2, columns: 2))
        let inner = DataSet(elements: [.text(tag(0x0040_A123), .PN, "ROE^MARGARET")])
        let outer = DataSet(elements: [
            .text(tag(0x0040_A123), .PN, "DOE^JOHN"), .sequence(tag(0x0008_1115), [inner]),
        ])
        let elements: [DataElement] = [
            .text(.patientName, .PN, "DOE^JOHN"),
            .text(.patientID, .LO, "MRN55123"),
            .text(tag(0x0010_0030), .DA, "19800315"),
            .text(tag(0x0008_0050), .SH, "ACC77410"),
            .text(tag(0x0010_2297), .PN, "ROE^MARGARET"),
            .text(tag(0x0010_2298), .CS, "MOTHER"),
            .text(tag(0x0020_4000), .LT, "DOB 03/15/1980, follow-up of MRN55123"),
            .text(tag(0x0010_4000), .LT, "Contact: mother Margaret Roe"),
            .text(tag(0x0018_7006), .LT, "recalibrated 1980-03-15 for JOHN"),
            .sequence(tag(0x0054_0016), [outer]),
            .uint16(tag(0x5000_0005), 1),
            .text(tag(0x5000_2500), .LO, "DOE JOHN curve"),
            .binary(tag(0x5002_3000), .OW, [UInt16(0)]),
        ]
        for element in elements { dataSet.set(element) }
        for (group, description, label) in [(0x6000, "Overlay: DOE JOHN", "DOE"), (0x6002, "JOHN DOE", "MRN55123")]
            as [(UInt32, String, String)]
        {
            let base = group << 16
            for element: DataElement in [
                .uint16(tag(base | 0x0010), 1), .uint16(tag(base | 0x0011), 16),
                .text(tag(base | 0x0022), .LO, description), .text(tag(base | 0x0040), .CS, "G"),
                .binary(tag(base | 0x0050), .SS, [Int16(1), Int16(1)]), .uint16(tag(base | 0x0100), 1),
                .uint16(tag(base | 0x0102), 0), .text(tag(base | 0x1500), .LO, label),
                .binary(tag(base | 0x3000), .OW, [UInt16(0xFFFF)]),
            ] {
                dataSet.set(element)
            }
        }
        return dataSet
    }

    static func tag(_ raw: UInt32) -> AttributeTag { AttributeTag(rawValue: raw) }

    // MARK: - pydicom

    static let pydicomAvailable: Bool = (try? python("import pydicom; print('ok')")) == "ok\n"

    /// Runs `script` with python3; returns what it printed (stdout and stderr).
    static func python(_ script: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes the fixture's attributes with pydicom to the path given as argument; prints `written`.
    static let pydicomScript = #"""
    import sys
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian
    ds = Dataset()
    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
    ds.SOPInstanceUID = '1.2.826.0.1.3680043.8.498.101'
    ds.StudyInstanceUID = '1.2.826.0.1.3680043.8.498.102'
    ds.SeriesInstanceUID = '1.2.826.0.1.3680043.8.498.103'
    ds.Modality = 'CT'
    ds.PatientName = 'DOE^JOHN'
    ds.PatientID = 'MRN55123'
    ds.PatientBirthDate = '19800315'
    ds.AccessionNumber = 'ACC77410'
    ds.ResponsiblePerson = 'ROE^MARGARET'
    ds.ResponsiblePersonRole = 'MOTHER'
    ds.ImageComments = 'DOB 03/15/1980, follow-up of MRN55123'
    ds.PatientComments = 'Contact: mother Margaret Roe'
    ds.add_new(0x00187006, 'LT', 'recalibrated 1980-03-15 for JOHN')
    inner = Dataset()
    inner.add_new(0x0040A123, 'PN', 'ROE^MARGARET')
    outer = Dataset()
    outer.add_new(0x0040A123, 'PN', 'DOE^JOHN')
    outer.add_new(0x00081115, 'SQ', Sequence([inner]))
    ds.add_new(0x00540016, 'SQ', Sequence([outer]))
    ds.add_new(0x50000005, 'US', 1)
    ds.add_new(0x50002500, 'LO', 'DOE JOHN curve')
    ds.add_new(0x50023000, 'OW', b'\x00\x00')
    for group, description, label in [(0x6000, 'Overlay: DOE JOHN', 'DOE'), (0x6002, 'JOHN DOE', 'MRN55123')]:
        base = group << 16
        ds.add_new(base | 0x0010, 'US', 1)
        ds.add_new(base | 0x0011, 'US', 16)
        ds.add_new(base | 0x0022, 'LO', description)
        ds.add_new(base | 0x0040, 'CS', 'G')
        ds.add_new(base | 0x0050, 'SS', [1, 1])
        ds.add_new(base | 0x0100, 'US', 1)
        ds.add_new(base | 0x0102, 'US', 0)
        ds.add_new(base | 0x1500, 'LO', label)
        ds.add_new(base | 0x3000, 'OW', b'\xff\xff')
    ds.Rows = 2
    ds.Columns = 2
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    ds.PixelData = b'\x00\x00' * 4
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.preamble = b'\x00' * 128
    pydicom.dcmwrite(sys.argv[1], ds, enforce_file_format=True)
    print('written')
    """#
}
