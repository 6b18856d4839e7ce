/// Splits a `multipart/related` body (WADO-RS, PS3.18 §8.7) into its parts' bodies.
///
/// The boundary comes from the `Content-Type` header. Each part is headers, an empty line, then bytes
/// up to `CRLF--boundary`; parts' own headers are not needed (the request asked for `application/dicom`).
enum MultipartRelated {
    /// The `boundary` parameter of a content type, unquoted; nil when absent.
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharactersInSet(" \t") }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The bodies of the parts of `body`, split at `--boundary` lines.
    ///
    /// - Throws: ``RemoteSourceError`` when the first delimiter or a part's header end is missing.
    static func parts(of body: [UInt8], boundary: String, url: String) throws -> [[UInt8]] {
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else {
            throw RemoteSourceError(url: url, message: "multipart answer without its boundary delimiters")
        }
        var parts: [[UInt8]] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            let partStart = start + delimiter.count
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: partStart), headerEnd < end else {
                throw RemoteSourceError(url: url, message: "multipart part without a header end")
            }
            var bodyEnd = end
            // The CRLF before a delimiter belongs to the delimiter.
            if bodyEnd >= 2, body[bodyEnd - 2] == 0x0D, body[bodyEnd - 1] == 0x0A { bodyEnd -= 2 }
            let bodyStart = headerEnd + 4
            parts.append(bodyStart <= bodyEnd ? Array(body[bodyStart..<bodyEnd]) : [])
        }
        return parts
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharactersInSet(_ set: String) -> String {
        var view = self
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
