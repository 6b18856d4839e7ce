import DICOM
import Foundation

/// Data sets carrying identifying data everywhere the profile looks: names, identifiers, dates, UIDs,
/// device and institution data, private blocks (top level and nested) and identifiers inside sequences.
enum DeidentificationFixture {
    static func tag(_ keyword: String) -> AttributeTag {
        DataDictionary.tag(forKeyword: keyword) ?? AttributeTag(rawValue: 0)
    }

    /// Instance `instance` of series `series` of one patient's study; instance 1 references instance 0.
    static func dataSet(series: Int, instance: Int) -> DataSet {
        var dataSet = SyntheticData.dataSet(for: SyntheticInstance(
            patient: 7, study: 1, series: series, instance: instance, modality: .CT, rows: 4, columns: 4,
            includesSequences: true, includesPrivateBlock: true))
        let extra: [DataElement] = [
            .text(tag("OtherPatientIDs"), .LO, "MRN-555-0199"),
            .text(tag("PatientAddress"), .LO, "12 Elm Street, Springfield"),
            .text(tag("PatientTelephoneNumbers"), .SH, "555-0199"),
            .text(tag("PatientAge"), .AS, "054Y"),
            .text(tag("ReferringPhysicianName"), .PN, "House^Gregory"),
            .text(tag("InstitutionName"), .LO, "Princeton Plainsboro"),
            .text(tag("StationName"), .SH, "CT-ROOM-3"),
            .text(tag("DeviceSerialNumber"), .LO, "SN-88412"),
            .text(tag("AcquisitionDate"), .DA, "20240315"),
            .text(tag("ContentDate"), .DA, "20240315"),
            .text(tag("SeriesDate"), .DA, "20240315"),
            .text(tag("OperatorsName"), .PN, "Tech^Tina"),
            .text(tag("ImageComments"), .LT, "Synthetic^Patient7 moved during scan"),
            .text(tag("AccessionNumber"), .SH, "ACC-99812"),
            .text(tag("SynchronizationFrameOfReferenceUID"), .UI, "1.3.6.1.4.1.9999.77.1"),
            .sequence(tag("ReferencedImageSequence"), [
                DataSet(elements: [
                    .text(tag("ReferencedSOPClassUID"), .UI, SyntheticData.sopClassUID(for: .CT)),
                    .text(tag("ReferencedSOPInstanceUID"), .UI, sopUID(series: series, instance: 0)),
                    .text(.patientName, .PN, "Synthetic^Patient7^^Dr.^"),
                    .text(AttributeTag(rawValue: 0x0011_0010), .LO, "ACME NESTED"),
                    .text(AttributeTag(rawValue: 0x0011_1001), .LO, "nested secret"),
                ]),
            ]),
            .text(AttributeTag(rawValue: 0x0013_0010), .LO, "SAFE VENDOR"),
            .text(AttributeTag(rawValue: 0x0013_1001), .LO, "harmless calibration"),
        ]
        for element in extra { dataSet.set(element) }
        return dataSet
    }

    static func sopUID(series: Int, instance: Int) -> String {
        SyntheticData.dataSet(for: SyntheticInstance(patient: 7, study: 1, series: series, instance: instance))
            .string(.sopInstanceUID) ?? ""
    }
}

/// A deterministic keying for tests: an FNV-1a hash stands in for the lake's HMAC (the DICOM module's
/// behaviour depends only on determinism, not on the hash).
struct FixedKeying: DeidentificationKeying {
    func remapUID(_ uid: String) -> String { "2.25." + String(hash("uid" + uid)) }
    func pseudonym(forPatient id: String) -> String { "ANON-" + String(hash("patient" + id), radix: 16) }
    func dateShiftDays(forPatient id: String) -> Int { 1 + Int(hash("date" + id) % 3650) }

    private func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
