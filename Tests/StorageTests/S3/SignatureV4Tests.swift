import Foundation
import Testing

@testable import Storage

/// The signer against the worked examples of the S3 SigV4 documentation ("Examples: Signature
/// Calculations in AWS Signature Version 4"), and the encoding rules for odd keys.
@Suite struct SignatureV4Tests {
    private let signer = SignatureV4(
        credentials: S3Credentials(
            accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    private let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    private func authorization(_ headers: [(String, String)]) -> String? {
        headers.first { $0.0 == "authorization" }?.1
    }

    @Test func getObjectWithRange() {
        let headers = signer.sign(
            method: "GET", encodedPath: "/test.txt", query: [],
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")],
            payloadHash: SignatureV4.emptyPayloadHash, date: date)
        #expect(authorization(headers) == """
            AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, \
            SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, \
            Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41
            """)
        #expect(headers.contains { $0 == ("x-amz-date", "20130524T000000Z") })
    }

    @Test func putObjectWithEncodedKey() {
        let body = Array("Welcome to Amazon S3.".utf8)
        let hash = ContentHasher.digest(of: body).hex
        #expect(hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let headers = signer.sign(
            method: "PUT", encodedPath: SignatureV4.encodePath("/test$file.text"), query: [],
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ],
            payloadHash: hash, date: date)
        #expect(authorization(headers)?.hasSuffix(
            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd") == true)
    }

    @Test func listWithQuery() {
        let headers = signer.sign(
            method: "GET", encodedPath: "/", query: [("prefix", "J"), ("max-keys", "2")],
            headers: [("Host", "examplebucket.s3.amazonaws.com")], payloadHash: SignatureV4.emptyPayloadHash, date: date)
        #expect(authorization(headers)?.hasSuffix(
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    @Test func pathEncodingKeepsOnlyUnreservedAndSlash() {
        #expect(SignatureV4.encodePath("a b/c+d=e&f") == "a%20b/c%2Bd%3De%26f")
        #expect(SignatureV4.encodePath("ünï/雪~._-") == "%C3%BCn%C3%AF/%E9%9B%AA~._-")
        #expect(SignatureV4.encodePath("100%") == "100%25")
    }

    @Test func queryIsEncodedAndSorted() {
        let query = SignatureV4.canonicalQuery([("prefix", "a b/c+"), ("list-type", "2"), ("continuation-token", "x=y")])
        #expect(query == "continuation-token=x%3Dy&list-type=2&prefix=a%20b%2Fc%2B")
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = S3Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "very-secret-value")
        #expect(!String(describing: credentials).contains("very-secret"))
        #expect(!String(reflecting: credentials).contains("very-secret"))
        #expect(!String(describing: credentials).contains("AKIAIOSFODNN7EXAMPLE"))
    }
}
