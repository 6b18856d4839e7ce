@testable import DICOM

/// Compares data sets the way a round trip must preserve them: same tags, VRs and values, where a
/// value of odd length equals itself padded to even length (the writer pads, PS3.5 §7.1.1).
enum Equivalence {
    static func differences(_ lhs: DataSet, _ rhs: DataSet, ignoringPrivateVRs: Bool = false,
                            path: String = "") -> [String]
    {
        guard lhs.elements.count == rhs.elements.count else {
            return ["\(path): \(lhs.elements.count) vs \(rhs.elements.count) elements "
                + "(\(lhs.elements.map(\.tag)) vs \(rhs.elements.map(\.tag)))"]
        }
        var found: [String] = []
        for (left, right) in zip(lhs.elements, rhs.elements) {
            let here = path + left.tag.description
            if left.tag != right.tag { found.append("\(here): tag \(right.tag)") }
            if left.vr != right.vr, !(ignoringPrivateVRs && left.tag.isPrivate) {
                found.append("\(here): VR \(left.vr) vs \(right.vr)")
            }
            switch (left.value, right.value) {
            case let (.bytes(a), .bytes(b)):
                if padded(a, left.vr) != padded(b, left.vr) { found.append("\(here): \(a) vs \(b)") }
            case let (.sequence(a), .sequence(b)):
                guard a.count == b.count else {
                    found.append("\(here): \(a.count) vs \(b.count) items")
                    continue
                }
                for (index, (x, y)) in zip(a, b).enumerated() {
                    found += differences(x, y, ignoringPrivateVRs: ignoringPrivateVRs, path: here + "[\(index)]")
                }
            case let (.encapsulated(a), .encapsulated(b)):
                let left = ([a.offsetTable] + a.fragments).map { padded($0.bytes ?? [], .OB) }
                let right = ([b.offsetTable] + b.fragments).map { padded($0.bytes ?? [], .OB) }
                if left != right { found.append("\(here): fragments differ") }
            default:
                found.append("\(here): \(left.value) vs \(right.value)")
            }
        }
        return found
    }

    private static func padded(_ bytes: [UInt8], _ vr: VR) -> [UInt8] {
        bytes.count % 2 == 1 ? bytes + [vr.paddingByte] : bytes
    }
}
