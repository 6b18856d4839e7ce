@testable import DICOM
import Testing

@Suite struct DeidentifierTests {
    let basic = Deidentifier(options: DeidentificationOptions(), keying: FixedKeying())

    @Test func everyProfileKeywordIsInTheDictionary() {
        #expect(BasicProfile.unresolvedKeywords.isEmpty)
        #expect(BasicProfile.entries.count > 130)
    }

    @Test func removesOrEmptiesEveryListedAttributeAtEveryDepth() throws {
        let original = DeidentificationFixture.dataSet(series: 0, instance: 1)
        let output = basic.deidentify(original)
        func walk(_ dataSet: DataSet, _ path: String) {
            for element in dataSet.elements {
                if element.tag.isPrivate {
                    Issue.record("private \(element.tag) kept at \(path)")
                }
                if let entry = BasicProfile.entry(for: element.tag) {
                    switch entry.action {
                    case .remove: Issue.record("\(entry.keyword) kept at \(path)")
                    case .empty: #expect(element.bytes.isEmpty, "\(entry.keyword) not emptied")
                    case .dummy, .pseudonym, .remapUID: break
                    }
                }
                for item in element.items { walk(item, path + element.tag.description + ">") }
            }
        }
        walk(output, "")
        // The fixture carries many listed attributes; each one is gone, emptied or replaced.
        #expect(original.contains(DeidentificationFixture.tag("PatientAddress")))
        #expect(!output.contains(DeidentificationFixture.tag("PatientAddress")))
        #expect(!output.contains(DeidentificationFixture.tag("StationName")))
        #expect(!output.contains(DeidentificationFixture.tag("RequestAttributesSequence")))
        #expect(output[DeidentificationFixture.tag("AccessionNumber")]?.bytes.isEmpty == true)
        let nested = output[DeidentificationFixture.tag("ReferencedImageSequence")]?.items.first
        #expect(nested?.string(.patientName)?.hasPrefix("ANON-") == true)
        #expect(PHIScanner.scan(output, original: original, options: basic.options).isEmpty)
    }

    @Test func marksTheOutputWithTheProfileAndOptions() {
        let options = DeidentificationOptions(shiftDates: true, cleanDescriptors: true)
        let output = Deidentifier(options: options, keying: FixedKeying())
            .deidentify(DeidentificationFixture.dataSet(series: 0, instance: 0))
        #expect(output.string(AttributeTag(rawValue: 0x0012_0062)) == "YES")
        let codes = output[AttributeTag(rawValue: 0x0012_0064)]?.items.compactMap { $0.string(AttributeTag(rawValue: 0x0008_0100)) }
        #expect(codes == ["113100", "113105", "113107"])
        #expect(output.strings(AttributeTag(rawValue: 0x0012_0063)).first == "Basic Application Confidentiality Profile")
        #expect(output.string(AttributeTag(rawValue: 0x0028_0303)) == "MODIFIED")
    }

    @Test func keepsTheStudySeriesHierarchyAndReferences() {
        let first = basic.deidentify(DeidentificationFixture.dataSet(series: 0, instance: 0))
        let second = basic.deidentify(DeidentificationFixture.dataSet(series: 0, instance: 1))
        let otherSeries = basic.deidentify(DeidentificationFixture.dataSet(series: 1, instance: 0))
        #expect(first.string(.studyInstanceUID) == second.string(.studyInstanceUID))
        #expect(first.string(.studyInstanceUID) == otherSeries.string(.studyInstanceUID))
        #expect(first.string(.seriesInstanceUID) == second.string(.seriesInstanceUID))
        #expect(first.string(.seriesInstanceUID) != otherSeries.string(.seriesInstanceUID))
        #expect(first.string(.sopInstanceUID) != second.string(.sopInstanceUID))
        #expect(first.string(.studyInstanceUID)?.hasPrefix("2.25.") == true)
        // Instance 1 referenced instance 0: the reference follows the remapping.
        let reference = second[DeidentificationFixture.tag("ReferencedImageSequence")]?.items.first?
            .string(DeidentificationFixture.tag("ReferencedSOPInstanceUID"))
        #expect(reference == first.string(.sopInstanceUID))
        #expect(first.string(.patientID) == otherSeries.string(.patientID))
        #expect(first.string(.sopClassUID) == SyntheticData.sopClassUID(for: .CT))
    }

    @Test func optionsRetainShiftAndClean() throws {
        let options = DeidentificationOptions(
            shiftDates: true, retainDeviceIdentity: true, cleanDescriptors: true, safePrivateCreators: ["SAFE VENDOR"])
        let original = DeidentificationFixture.dataSet(series: 0, instance: 0)
        let output = Deidentifier(options: options, keying: FixedKeying()).deidentify(original)
        #expect(output.string(DeidentificationFixture.tag("StationName")) == "CT-ROOM-3")
        #expect(output.string(DeidentificationFixture.tag("DeviceSerialNumber")) == "SN-88412")
        // Every date of the patient moves by the same number of days, so intervals survive.
        let days = FixedKeying().dateShiftDays(forPatient: original.string(.patientID) ?? "")
        let expected = Deidentifier.shiftedDate("20240315", by: -days)
        #expect(output.string(DeidentificationFixture.tag("AcquisitionDate")) == expected)
        #expect(output.string(DeidentificationFixture.tag("SeriesDate")) == expected)
        #expect(output.string(.studyDate) != original.string(.studyDate))
        #expect(output.string(DeidentificationFixture.tag("ImageComments")) == "* moved during scan")
        #expect(output.string(AttributeTag(rawValue: 0x0013_1001)) == "harmless calibration")
        #expect(!output.contains(AttributeTag(rawValue: 0x0009_1001)))
        #expect(PHIScanner.scan(output, original: original, options: options).isEmpty)
    }

    @Test func shiftsAcrossMonthAndYearEnds() {
        #expect(Deidentifier.shiftedDate("20240301", by: -1) == "20240229")
        #expect(Deidentifier.shiftedDate("20240101", by: -1) == "20231231")
        #expect(Deidentifier.shiftedDate("2024", by: -1) == nil)
    }

    @Test func writtenOutputRereadsIdentically() throws {
        let output = basic.deidentify(DeidentificationFixture.dataSet(series: 0, instance: 0))
        let reread = try DICOMReader.parse(try DICOMWriter.part10(output))
        #expect(reread.isComplete)
        #expect(PHIScanner.scan(reread.dataSet, options: basic.options).isEmpty)
    }
}

/// Each profile option applied per its column of Table E.1-1 and recorded in the output.
@Suite struct DeidentificationOptionTests {
    static func tag(_ keyword: String) -> AttributeTag { DeidentificationFixture.tag(keyword) }

    /// The fixture with attributes each option column speaks about.
    static func original() -> DataSet {
        var dataSet = DeidentificationFixture.dataSet(series: 0, instance: 0)
        for element: DataElement in [
            .text(tag("PatientSex"), .CS, "F"), .text(tag("PatientWeight"), .DS, "61.5"),
            .text(tag("EthnicGroup"), .SH, "NORDIC"), .text(tag("Allergies"), .LO, "Synthetic^Patient7 penicillin"),
            .text(tag("InstitutionAddress"), .ST, "1 Hospital Road"), .text(tag("InstitutionalDepartmentName"), .LO, "Radiology"),
            .text(tag("DeviceUID"), .UI, "1.3.6.1.4.1.9999.5.5"), .text(tag("VerifyingObserverName"), .PN, "Doc^Verifier"),
        ] { dataSet.set(element) }
        return dataSet
    }

    static func run(_ options: DeidentificationOptions) -> (DataSet, DataSet) {
        let original = original()
        return (original, Deidentifier(options: options, keying: FixedKeying()).deidentify(original))
    }

    static func codes(_ output: DataSet) -> [String] {
        output[AttributeTag(rawValue: 0x0012_0064)]?.items.compactMap { $0.string(AttributeTag(rawValue: 0x0008_0100)) } ?? []
    }

    @Test func basicProfileRemovesWhatTheOptionsWouldKeep() {
        let (original, output) = Self.run(DeidentificationOptions())
        #expect(output[Self.tag("PatientSex")]?.bytes.isEmpty == true)
        #expect(!output.contains(Self.tag("PatientWeight")))
        #expect(!output.contains(Self.tag("InstitutionName")))
        #expect(output.string(.studyInstanceUID) != original.string(.studyInstanceUID))
        #expect(output.string(Self.tag("DeviceUID"))?.hasPrefix("2.25.") == true)
        #expect(output.string(Self.tag("VerifyingObserverName")) == "ANONYMIZED")
        #expect(!output.contains(Self.tag("AcquisitionDate")))
        #expect(output.string(AttributeTag(rawValue: 0x0028_0303)) == "REMOVED")
        #expect(Self.codes(output) == ["113100"])
        #expect(PHIScanner.scan(output, original: original, options: DeidentificationOptions()).isEmpty)
    }

    @Test func retainUIDsKeepsEveryUIDTheTableMarks() {
        let options = DeidentificationOptions(retainUIDs: true)
        let (original, output) = Self.run(options)
        #expect(output.string(.studyInstanceUID) == original.string(.studyInstanceUID))
        #expect(output.string(.seriesInstanceUID) == original.string(.seriesInstanceUID))
        #expect(output.string(.sopInstanceUID) == original.string(.sopInstanceUID))
        #expect(output.string(Self.tag("DeviceUID")) == "1.3.6.1.4.1.9999.5.5")
        let reference = output[Self.tag("ReferencedImageSequence")]?.items.first
        #expect(reference?.string(Self.tag("ReferencedSOPInstanceUID")) == DeidentificationFixture.sopUID(series: 0, instance: 0))
        #expect(reference?.string(.patientName)?.hasPrefix("ANON-") == true)
        #expect(Self.codes(output) == ["113100", "113110"])
        #expect(PHIScanner.scan(output, original: original, options: options).isEmpty)
    }

    @Test func retainPatientCharacteristicsKeepsAndCleans() {
        let options = DeidentificationOptions(retainPatientCharacteristics: true)
        let (original, output) = Self.run(options)
        #expect(output.string(Self.tag("PatientSex")) == "F")
        #expect(output.string(Self.tag("PatientWeight")) == "61.5")
        #expect(output.string(Self.tag("EthnicGroup")) == "NORDIC")
        #expect(output.string(Self.tag("PatientAge")) == "054Y")
        #expect(output.string(Self.tag("Allergies")) == "* penicillin")
        #expect(!output.contains(Self.tag("PatientAddress")))
        #expect(Self.codes(output) == ["113100", "113108"])
        #expect(PHIScanner.scan(output, original: original, options: options).isEmpty)
    }

    @Test func retainInstitutionIdentityKeepsTheInstitution() {
        let options = DeidentificationOptions(retainInstitutionIdentity: true)
        let (original, output) = Self.run(options)
        #expect(output.string(Self.tag("InstitutionName")) == "Princeton Plainsboro")
        #expect(output.string(Self.tag("InstitutionAddress")) == "1 Hospital Road")
        #expect(output.string(Self.tag("InstitutionalDepartmentName")) == "Radiology")
        #expect(!output.contains(Self.tag("StationName")))
        #expect(Self.codes(output) == ["113100", "113112"])
        #expect(PHIScanner.scan(output, original: original, options: options).isEmpty)
    }

    @Test func retainFullDatesKeepsDatesUnshifted() {
        let options = DeidentificationOptions(retainFullDates: true)
        let (original, output) = Self.run(options)
        #expect(output.string(Self.tag("AcquisitionDate")) == "20240315")
        #expect(output.string(.studyDate) == original.string(.studyDate))
        #expect(output.string(AttributeTag(rawValue: 0x0028_0303)) == "UNMODIFIED")
        #expect(Self.codes(output) == ["113100", "113106"])
        #expect(PHIScanner.scan(output, original: original, options: options).isEmpty)
        // A scan under modified dates notices the same output's dates were not shifted.
        let strict = DeidentificationOptions(shiftDates: true)
        #expect(PHIScanner.scan(output, original: original, options: strict).contains { $0.reason == "date not shifted" })
    }
}
