// libFuzzer entry point for the DICOM reader, compiled together with Sources/DICOM by Fuzz/run-dicom.sh.
// Every input is parsed with the three read paths, and whatever was read is rendered through the JSON
// model and the dump lines, so value decoding (character sets, numbers, dates) is exercised too.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let paths: [ParseOptions] = [.full, .headerOnly, .selected([.patientID, .rows, .studyInstanceUID]),
                                 ParseOptions(loadBulkData: false, maximumInflatedSize: 1 << 22)]
    for options in paths {
        guard let file = try? DICOMReader.parse(bytes, options: options) else { continue }
        _ = DICOMJSONModel(bulkDataBaseURI: "file:///fuzz").encode(file.dataSet)
        _ = DumpLine.lines(for: file.dataSet)
        for element in file.dataSet.elements where element.vr == .DA || element.vr == .DT || element.vr == .TM {
            for text in element.strings(characterSet: .default) {
                _ = DICOMDateTime(date: text)
                _ = DICOMDateTime(dateTime: text)
                _ = DICOMDateTime(time: text)
            }
        }
        if file.isComplete, options.loadBulkData, !options.stopsEarly {
            _ = try? DICOMWriter.part10(file.dataSet)
        }
    }
    return 0
}
