import Testing
@testable import DICOM

@Suite("SyntheticData")
struct SyntheticDataTests {
    @Test("Instances of one series share study and series UIDs and differ in SOP instance UID")
    func identifiers() {
        let first = SyntheticData.dataSet(for: SyntheticInstance(instance: 0))
        let second = SyntheticData.dataSet(for: SyntheticInstance(instance: 1))
        #expect(first.string(.studyInstanceUID) == second.string(.studyInstanceUID))
        #expect(first.string(.seriesInstanceUID) == second.string(.seriesInstanceUID))
        #expect(first.string(.sopInstanceUID) != second.string(.sopInstanceUID))
        #expect(SyntheticData.dataSet(for: SyntheticInstance(seed: 2)).string(.studyInstanceUID)
            != first.string(.studyInstanceUID))
    }

    @Test("Pixel data size follows rows, columns and bits per modality", arguments: [
        (SyntheticInstance.Modality.CT, 64 * 64 * 2), (.US, 64 * 64), (.SEG, 64 * 64 / 8),
    ])
    func pixelSize(modality: SyntheticInstance.Modality, bytes: Int) {
        let dataSet = SyntheticData.dataSet(for: SyntheticInstance(modality: modality))
        #expect(dataSet[.pixelData]?.bytes.count == bytes)
        #expect(dataSet.string(.modality) == modality.rawValue)
        #expect(dataSet.elements.map(\.tag) == dataSet.elements.map(\.tag).sorted())
    }

    @Test("The corpus mixes modalities, sizes and both VR encodings")
    func corpusMix() {
        let members = (0 ..< 600).map { SyntheticData.corpusMember($0) }
        #expect(Set(members.map(\.0.modality)).count == 5)
        #expect(Set(members.map(\.0.rows)) == [64, 128, 256, 512])
        #expect(Set(members.map(\.1.uid)) == [TransferSyntax.explicitVRLittleEndian.uid,
                                             TransferSyntax.implicitVRLittleEndian.uid])
        #expect(members.contains { !$0.0.includesPrivateBlock } && members.contains { $0.0.includesPrivateBlock })
    }
}
