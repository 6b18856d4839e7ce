/// DA, TM and DT values (PS3.5 §6.2) as numeric components, without time zone or calendar conversion.
public struct DICOMDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int?
    public var day: Int?
    public var hour: Int?
    public var minute: Int?
    public var second: Int?
    /// Fraction of a second in microseconds.
    public var microsecond: Int?
    /// UTC offset in minutes (`&+HHMM` suffix of DT).
    public var utcOffsetMinutes: Int?

    /// Parses a DA value `YYYYMMDD` (or the ACR-NEMA form `YYYY.MM.DD`).
    public init?(date text: String) {
        let digits = text.filter { $0 != "." }
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit),
              let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
              let day = Int(digits.suffix(2)), (1 ... 12).contains(month), (1 ... 31).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses a DT value `YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX]`.
    public init?(dateTime text: String) {
        var body = Substring(text)
        if let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = body[body.index(after: sign)...]
            guard zone.count == 4, zone.allSatisfy(\.isASCIIDigit), let hours = Int(zone.prefix(2)),
                  let minutes = Int(zone.suffix(2)) else { return nil }
            utcOffsetMinutes = (hours * 60 + minutes) * (body[sign] == "-" ? -1 : 1)
            body = body[..<sign]
        }
        guard body.count >= 4, let year = Int(body.prefix(4)), body.prefix(4).allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        self.year = year
        guard let time = Self.fields(body.dropFirst(4), into: [\.month, \.day, \.hour, \.minute, \.second]) else {
            return nil
        }
        (month, day, hour, minute, second, microsecond) = time
    }

    /// Parses a TM value `HH[MM[SS[.F{1-6}]]]` (or `HH:MM:SS`); the date fields are zero.
    public init?(time text: String) {
        let body = Substring(text.filter { $0 != ":" })
        year = 0
        guard body.count >= 2, let time = Self.fields(body, into: [\.hour, \.minute, \.second]) else { return nil }
        (_, _, hour, minute, second, microsecond) = time
        if hour == nil { return nil }
    }

    private typealias Fields = (Int?, Int?, Int?, Int?, Int?, Int?)

    /// Reads two-digit fields in order, then an optional fraction after the seconds.
    private static func fields(_ text: Substring, into keys: [WritableKeyPath<DICOMDateTime, Int?>]) -> Fields? {
        var scratch = DICOMDateTime(placeholder: ())
        var rest = text
        for key in keys {
            if rest.isEmpty || rest.first == "." { break }
            guard rest.count >= 2, rest.prefix(2).allSatisfy(\.isASCIIDigit), let value = Int(rest.prefix(2)) else {
                return nil
            }
            scratch[keyPath: key] = value
            rest = rest.dropFirst(2)
        }
        if rest.first == ".", scratch.second != nil {
            let fraction = rest.dropFirst()
            guard (1 ... 6).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit),
                  let value = Int(fraction) else { return nil }
            scratch.microsecond = value * Int(pow10(6 - fraction.count))
            rest = ""
        }
        guard rest.isEmpty else { return nil }
        if let month = scratch.month, !(1 ... 12).contains(month) { return nil }
        if let hour = scratch.hour, hour > 23 { return nil }
        if let minute = scratch.minute, minute > 59 { return nil }
        if let second = scratch.second, second > 60 { return nil }
        return (scratch.month, scratch.day, scratch.hour, scratch.minute, scratch.second, scratch.microsecond)
    }

    private static func pow10(_ exponent: Int) -> Int {
        (0 ..< exponent).reduce(1) { value, _ in value * 10 }
    }

    private init(placeholder: Void) { year = 0 }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
