/// Short names of the transfer syntaxes a preview can meet.
enum TransferSyntaxName {
    static func short(_ uid: String) -> String {
        switch uid {
        case "1.2.840.10008.1.2": "implicit LE"
        case "1.2.840.10008.1.2.1": "explicit LE"
        case "1.2.840.10008.1.2.2": "explicit BE"
        case "1.2.840.10008.1.2.1.99": "deflated"
        case "1.2.840.10008.1.2.4.50": "JPEG baseline"
        case "1.2.840.10008.1.2.4.70": "JPEG lossless"
        case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91": "JPEG 2000"
        case "1.2.840.10008.1.2.5": "RLE"
        default: uid
        }
    }
}
