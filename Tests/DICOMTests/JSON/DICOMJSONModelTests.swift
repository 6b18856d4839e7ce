import Foundation
import Testing
@testable import DICOM

@Suite("DICOM JSON model")
struct DICOMJSONModelTests {
    private func json(_ dataSet: DataSet) throws -> [String: Any] {
        let text = DICOMJSONModel(bulkDataBaseURI: "file:///x.dcm").encode(dataSet)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("Hand-checked attributes follow PS3.18 Annex F")
    func handChecked() throws {
        let object = try json(try DICOMReader.parse(try DICOMWriter.part10(TestFixtures.kitchenSink())).dataSet)
        func attribute(_ key: String) -> [String: Any]? { object[key] as? [String: Any] }
        #expect(attribute("00100010")?["vr"] as? String == "PN")
        #expect((attribute("00100010")?["Value"] as? [[String: String]])?.first == ["Alphabetic": "M\u{FC}ller^Hans"])
        #expect(attribute("00080054")?["Value"] as? [String] == ["STORESCP", "ARCHIVE"])
        #expect(attribute("00180050")?["Value"] as? [Double] == [2.5])
        #expect(attribute("00200011")?["Value"] as? [Int] == [12])
        #expect(attribute("00080309")?["Value"] as? [Int] == [1, 2, 3])
        #expect(attribute("00140202")?["Value"] as? [String] == ["00100020"])
        // Written with its pad byte: OB values have even length on disk.
        #expect(attribute("0008041B")?["InlineBinary"] as? String == "AQIDAA==")
        #expect(attribute("0008041B")?["Value"] == nil)
        #expect(attribute("00089459")?["Value"] as? [Double] == [29.97])
        #expect(attribute("0008040C")?["Value"] as? [String] == ["18446744073709551615"])
        let signed = attribute("00720082")?["Value"] as? [Any]
        #expect(signed?.first as? String == "-9223372036854775808")
        #expect(signed?.last as? Int == 5)
        let pixel = try #require(attribute("7FE00010"))
        #expect(pixel["vr"] as? String == "OW")
        let uri = try #require(pixel["BulkDataURI"] as? String)
        #expect(uri.hasPrefix("file:///x.dcm?offset=") && uri.hasSuffix("&length=8"))
        let sequence = try #require(attribute("00400275")?["Value"] as? [[String: Any]])
        let nested = try #require((sequence.first?["00400008"] as? [String: Any])?["Value"] as? [[String: Any]])
        #expect(nested.count == 1)
    }

    @Test("Empty values have no Value member, empty items are empty objects, group lengths are left out")
    func emptyValues() throws {
        var dataSet = DataSet()
        dataSet.set(DataElement(tag: .patientID, vr: .LO, value: .bytes([])))
        dataSet.set(.uint32(AttributeTag(rawValue: 0x0010_0000), 10))
        dataSet.set(.sequence(AttributeTag(rawValue: 0x0008_1032), [DataSet()]))
        let text = DICOMJSONModel(bulkDataBaseURI: "x", prettyPrinted: false).encode(dataSet)
        #expect(text == #"{"00081032":{"vr":"SQ","Value":[{}]},"00100020":{"vr":"LO"}}"#)
    }

    @Test("Control, C1 and bidi characters are escaped as \\uXXXX")
    func escaping() {
        var dataSet = DataSet(characterSet: SpecificCharacterSet(terms: ["ISO_IR 192"]))
        dataSet.set(.text(AttributeTag(rawValue: 0x0008_0108), .LT, "a\u{1B}[2J\u{9B}\u{202E}\"\\"))
        let text = DICOMJSONModel(bulkDataBaseURI: "x", prettyPrinted: false).encode(dataSet)
        #expect(text == #"{"00080108":{"vr":"LT","Value":["a\u001B[2J\u009B\u202E\"\\"]}}"#)
    }

    @Test("Agrees with pydicom's to_json_dict on every generated fixture", .enabled(if: Self.pydicomAvailable))
    func agreesWithPydicom() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("medlake-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var ours: [String: String] = [:]
        for (index, (name, bytes)) in try TestFixtures.allFiles().enumerated() where !name.hasPrefix("bare") {
            let path = folder.appendingPathComponent("\(index).dcm").path
            try DICOMWriter.write(bytes, to: path)
            let file = try DICOMReader.read(path: path, options: ParseOptions(loadBulkData: false))
            ours[path] = DICOMJSONModel(bulkDataBaseURI: "X", prettyPrinted: false).encode(file.dataSet)
        }
        let oursPath = folder.appendingPathComponent("ours.json").path
        let encoded = "{" + ours.map { "\(JSONText.quoted($0.key)):\($0.value)" }.joined(separator: ",") + "}"
        try Data(encoded.utf8).write(to: URL(fileURLWithPath: oursPath))
        let output = try Self.python(Self.comparisonScript, oursPath)
        #expect(output == "mismatches 0\n", "\(output)")
    }

    // MARK: - pydicom

    static let pydicomAvailable: Bool = (try? python("import pydicom; print('ok')")) == "ok\n"

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

    /// Normalises both models (bulk data URIs, numbers as floats) and prints every differing attribute.
    static let comparisonScript = #"""
    import base64, json, struct, sys, pydicom
    WORDS = {'OW': 2, 'OF': 4, 'OL': 4, 'OD': 8, 'OV': 8}
    def little_endian(d):
        # PS3.18 F.2.7: without a transfer-syntax media type parameter, inline binary is Explicit VR Little
        # Endian. pydicom copies big-endian source bytes as they are; swap them to compare.
        for v in d.values():
            if v.get('vr') == 'SQ':
                for item in v.get('Value', []): little_endian(item)
            elif 'InlineBinary' in v and v['vr'] in WORDS:
                raw, size = base64.b64decode(v['InlineBinary']), WORDS[v['vr']]
                raw = b''.join(raw[i:i + size][::-1] for i in range(0, len(raw), size))
                v['InlineBinary'] = base64.b64encode(raw).decode()
    def number(vr, x):
        # FL holds float32: compare at that precision (pydicom prints the widened double, MedLake the shortest form).
        return struct.unpack('<f', struct.pack('<f', x))[0] if vr in ('FL', 'OF') else float(x)
    def norm(d):
        out = {}
        for k, v in d.items():
            v = dict(v)
            if k.upper() == '7FE00010':
                v = {'vr': v['vr'], 'BulkDataURI': 'X'}
            if 'Value' in v:
                v['Value'] = [norm(x) if v['vr'] == 'SQ' else (number(v['vr'], x) if isinstance(x, (int, float)) or v['vr'] in ('SV', 'UV') else x)
                              for x in v['Value']]
            out[k.upper()] = v
        return out
    ours = json.load(open(sys.argv[1]))
    bad = 0
    for path, model in ours.items():
        dataset = pydicom.dcmread(path)
        theirs = dataset.to_json_dict(bulk_data_threshold=10**9)
        if dataset.file_meta.TransferSyntaxUID == '1.2.840.10008.1.2.2':
            little_endian(theirs)
        a, b = norm(model), norm(theirs)
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                bad += 1
                print(path, k, a.get(k), b.get(k))
    print('mismatches', bad)
    """#
}
