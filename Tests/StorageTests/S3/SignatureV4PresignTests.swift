import Foundation
import Testing

@testable import Storage

/// Query-string signing against the worked example of the S3 documentation ("Authenticating Requests:
/// Using Query Parameters (AWS Signature Version 4)"): a GET of `test.txt` valid for 86400 seconds.
@Suite struct SignatureV4PresignTests {
    private let signer = SignatureV4(
        credentials: S3Credentials(
            accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    private let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    /// The documented signature; the parameters come sorted, as they were signed.
    @Test func matchesTheDocumentedExample() {
        let query = signer.presignedQuery(
            method: "GET", encodedPath: "/test.txt", host: "examplebucket.s3.amazonaws.com", date: date, lifetime: 86400)
        #expect(
            query == "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
                + "&X-Amz-SignedHeaders=host")
    }

    @Test func neverCarriesTheSecretAndClampsTheLifetime() {
        let query = signer.presignedQuery(
            method: "GET", encodedPath: "/test.txt", host: "examplebucket.s3.amazonaws.com", date: date,
            lifetime: 30 * 24 * 3600)
        #expect(!query.contains("wJalrXUtnFEMI") && query.contains("X-Amz-Expires=604800"))
        let brief = signer.presignedQuery(
            method: "GET", encodedPath: "/test.txt", host: "examplebucket.s3.amazonaws.com", date: date, lifetime: 0)
        #expect(brief.contains("X-Amz-Expires=1&"))
    }
}
