import Foundation
import Testing
@testable import DICOM

/// Where DCMTK's `dcm2json` is installed, if it is.
private enum DCM2JSON {
    static let path: String? = ["/usr/bin/dcm2json", "/usr/local/bin/dcm2json"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Cross-checks the JSON model with DCMTK's `dcm2json` (installed by `.ci/run`), a second independent
/// implementation of PS3.18 Annex F besides pydicom.
@Suite("DICOM JSON model vs dcm2json", .enabled(if: DCM2JSON.path != nil))
struct DCM2JSONAgreementTests {
    @Test("Agrees with dcm2json on every generated fixture")
    func agreesWithDCM2JSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("medlake-dcm2json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Skipped: bare data sets (dcm2json wants a meta group), the UN fixture (dcm2json keeps UN where
        // MedLake re-reads it, PS3.5 §6.2.2), and implicit VR files (DCMTK's dictionary lacks recent tags
        // such as UV/SV ones and turns them into UN).
        for (index, (name, bytes)) in try TestFixtures.allFiles().enumerated()
            where !name.hasPrefix("bare") && name != "unknown VR"
        {
            let path = folder.appendingPathComponent("\(index).dcm").path
            try DICOMWriter.write(bytes, to: path)
            let file = try DICOMReader.read(path: path, options: ParseOptions(loadBulkData: false))
            if !file.transferSyntax.isExplicitVR { continue }
            let ours = try JSONSerialization.jsonObject(
                with: Data(DICOMJSONModel(bulkDataBaseURI: "X").encode(file.dataSet).utf8))
            let theirs = try JSONSerialization.jsonObject(with: try Self.run(path))
            let differences = Self.differences(Self.normalized(ours), Self.normalized(theirs), path: name)
            #expect(differences.isEmpty, "\(differences)")
        }
    }

    private static func run(_ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DCM2JSON.path ?? "dcm2json")
        process.arguments = ["-q", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    /// Numbers as doubles (FL at float32 precision), pixel data left out (dcm2json inlines or drops it,
    /// MedLake references it), trailing empty PN components dropped (dcm2json trims them; PS3.5 §6.2
    /// allows either).
    private static func normalized(_ value: Any, vr: String? = nil) -> Any {
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            let ownVR = object["vr"] as? String
            for (member, inner) in object where member.uppercased() != "7FE00010" {
                result[member] = normalized(inner, vr: ownVR ?? vr)
            }
            return result
        }
        if let array = value as? [Any] { return array.map { normalized($0, vr: vr) } }
        if vr == "PN", let text = value as? String {
            return String(text.reversed().drop { $0 == "^" }.reversed())
        }
        if vr == "SV" || vr == "UV", let text = value as? String, let number = Double(text) { return number }
        if let decimal = value as? Decimal { return NSDecimalNumber(decimal: decimal).doubleValue }
        if let number = value as? NSNumber, !(value is String) {
            let double = number.doubleValue
            return vr == "FL" ? Double(Float(double)) : double
        }
        return value
    }

    private static func differences(_ lhs: Any, _ rhs: Any, path: String) -> [String] {
        switch (lhs, rhs) {
        case let (left as [String: Any], right as [String: Any]):
            return Set(left.keys).union(right.keys).sorted().flatMap { key -> [String] in
                guard let a = left[key], let b = right[key] else { return ["\(path)/\(key): only one side"] }
                return differences(a, b, path: "\(path)/\(key)")
            }
        case let (left as [Any], right as [Any]):
            guard left.count == right.count else { return ["\(path): \(left.count) vs \(right.count) values"] }
            return zip(left, right).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        case let (left as Double, right as Double):
            return left == right ? [] : ["\(path): \(left) vs \(right)"]
        case let (left as String, right as String):
            return left == right ? [] : ["\(path): \(left) vs \(right)"]
        case (is NSNull, is NSNull):
            return []
        default:
            return ["\(path): \(lhs) vs \(rhs)"]
        }
    }
}
