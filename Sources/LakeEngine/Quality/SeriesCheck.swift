import Foundation

/// The series-level imaging rules: numbering gaps, repeated positions, uneven spacing, mixed orientation.
///
/// Pure functions over the instances' header values, so each rule is tested without files. Values come
/// from the catalog as DICOM decimal strings (`x\y\z`); an unparsable value is left out of the geometric
/// checks rather than guessed.
struct SeriesCheck {
    /// One instance's values as the catalog holds them.
    struct Slice: Hashable {
        var instanceNumber: Int?
        var imagePosition: String?
        var imageOrientation: String?
    }

    /// A rule that fired, with a note for the flag.
    struct Finding: Hashable {
        var rule: QualityRule
        var note: String
    }

    let spacingTolerance: Double
    let orientationTolerance: Double

    func findings(_ slices: [Slice]) -> [Finding] {
        [instanceGap(slices), duplicatePosition(slices), inconsistentOrientation(slices), inconsistentSpacing(slices)]
            .compactMap { $0 }
    }

    // MARK: - Rules

    func instanceGap(_ slices: [Slice]) -> Finding? {
        let numbers = Set(slices.compactMap(\.instanceNumber)).sorted()
        guard let first = numbers.first, let last = numbers.last, numbers.count >= 2 else { return nil }
        let expected = last - first + 1
        guard expected > numbers.count else { return nil }
        var missing: [Int] = []
        var next = first
        for number in numbers {
            while next < number, missing.count < 10 {
                missing.append(next)
                next += 1
            }
            next = number + 1
        }
        let more = expected - numbers.count - missing.count
        let list = missing.map(String.init).joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
        return Finding(rule: .instanceGap, note: "instance numbers \(first)–\(last): missing \(list)")
    }

    func duplicatePosition(_ slices: [Slice]) -> Finding? {
        var seen: [String: Int] = [:]
        var duplicates = 0
        for slice in slices {
            guard let position = Self.vector(slice.imagePosition, count: 3) else { continue }
            let key = position.map { String(($0 * 1000).rounded()) }.joined(separator: ",")
            seen[key, default: 0] += 1
            if seen[key] == 2 { duplicates += 1 }
        }
        guard duplicates > 0 else { return nil }
        return Finding(rule: .duplicatePosition, note: "\(duplicates) position(s) shared by several instances")
    }

    func inconsistentOrientation(_ slices: [Slice]) -> Finding? {
        let orientations = slices.compactMap { Self.vector($0.imageOrientation, count: 6) }
        guard let reference = orientations.first else { return nil }
        let differing = orientations.filter { orientation in
            zip(orientation, reference).contains { abs($0 - $1) > orientationTolerance }
        }.count
        guard differing > 0 else { return nil }
        return Finding(rule: .inconsistentOrientation, note: "\(differing) instance(s) differ from the first orientation")
    }

    /// Spacing along the slice normal (row × column cosines) between neighbouring positions.
    func inconsistentSpacing(_ slices: [Slice]) -> Finding? {
        guard let orientation = slices.lazy.compactMap({ Self.vector($0.imageOrientation, count: 6) }).first else {
            return nil
        }
        let row = Array(orientation[0..<3])
        let column = Array(orientation[3..<6])
        let normal = [
            row[1] * column[2] - row[2] * column[1],
            row[2] * column[0] - row[0] * column[2],
            row[0] * column[1] - row[1] * column[0],
        ]
        let distances = Set(
            slices.compactMap { Self.vector($0.imagePosition, count: 3) }
                .map { position in zip(position, normal).reduce(0) { $0 + $1.0 * $1.1 } }
                .map { ($0 * 1_000_000).rounded() / 1_000_000 }
        ).sorted()
        guard distances.count >= 3 else { return nil }
        let gaps = zip(distances.dropFirst(), distances).map { $0 - $1 }
        guard let smallest = gaps.min(), let largest = gaps.max(), largest - smallest > spacingTolerance else {
            return nil
        }
        return Finding(
            rule: .inconsistentSpacing,
            note: "slice spacing varies from \(Self.millimetres(smallest)) to \(Self.millimetres(largest)) mm")
    }

    // MARK: - Helpers

    static func vector(_ text: String?, count: Int) -> [Double]? {
        guard let text else { return nil }
        let values = text.split(separator: "\\").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.count == count, values.allSatisfy(\.isFinite) else { return nil }
        return values
    }

    static func millimetres(_ value: Double) -> String {
        String((value * 1000).rounded() / 1000)
    }
}
