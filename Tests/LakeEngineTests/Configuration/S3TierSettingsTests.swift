import Foundation
@testable import Storage
import Testing

@testable import LakeEngine

@Suite struct S3TierSettingsTests {
    private let base = LakeConfiguration.defaultTOML(name: "l", owner: "alice")

    private func withTier(_ table: String) -> String { base + "\n" + table + "\n" }

    private func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try LakeConfiguration(toml: text, path: "lake.toml")
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test func s3TierParsesBesideFilesystemTiers() throws {
        let text = withTier("""
            [tiers.cloud]
            kind = "s3"
            endpoint = "http://127.0.0.1:8333"
            bucket = "medlake-cold"
            region = "eu-west-1"
            prefix = "lake"
            storage_class = "STANDARD_IA"
            path_style = true
            credentials_file = "secrets/s3.credentials"
            cost_per_gb_month = 0.004
            """)
        let configuration = try LakeConfiguration(toml: text, path: "lake.toml")
        let cloud = try #require(configuration.tiers["cloud"]?.s3)
        #expect(cloud.location.host == "127.0.0.1")
        #expect(cloud.location.port == 8333)
        #expect(cloud.location.bucket == "medlake-cold")
        #expect(cloud.location.prefix == "lake/")
        #expect(cloud.location.storageClass == "STANDARD_IA")
        #expect(cloud.credentialsFile == "secrets/s3.credentials")
        #expect(configuration.tiers["cloud"]?.costPerGBMonth == 0.004)
        #expect(configuration.tiers["hot"]?.s3 == nil)
        #expect(configuration.tiers["hot"]?.path == "tiers/hot")
    }

    @Test func secretsInLakeTomlAreRefusedNamingTheLine() {
        let text = withTier("""
            [tiers.cloud]
            kind = "s3"
            endpoint = "http://127.0.0.1:8333"
            bucket = "medlake-cold"
            secret_access_key = "do-not-store-me"
            """)
        let found = error(text)
        #expect(found?.key == "tiers.cloud.secret_access_key")
        #expect(found?.line == text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("secret_access_key") }.map { $0 + 1 })
        #expect(found?.description.contains("do-not-store-me") == false)
    }

    @Test func badValuesNameTheKey() {
        let endpoint = error(withTier("[tiers.cloud]\nkind = \"s3\"\nendpoint = \"ftp://x\"\nbucket = \"medlake-cold\""))
        #expect(endpoint?.key == "tiers.cloud.endpoint")
        let bucket = error(withTier("[tiers.cloud]\nkind = \"s3\"\nendpoint = \"http://h:1\"\nbucket = \"No_Such\""))
        #expect(bucket?.key == "tiers.cloud.bucket")
        let kind = error(withTier("[tiers.cloud]\nkind = \"tape\"\npath = \"x\""))
        #expect(kind?.key == "tiers.cloud.kind")
        let unknown = error(withTier("[tiers.cloud]\nkind = \"s3\"\nendpoint = \"http://h:1\"\nbucket = \"abc\"\npath = \"x\""))
        #expect(unknown?.key == "tiers.cloud.path")
    }

    @Test func ingestTierMustBeAFolder() {
        let text = withTier("[tiers.cloud]\nkind = \"s3\"\nendpoint = \"http://h:1\"\nbucket = \"abc\"")
            .replacingOccurrences(of: "ingest_tier = \"hot\"", with: "ingest_tier = \"cloud\"")
        #expect(error(text)?.key == "lake.ingest_tier")
    }

    @Test func credentialsComeFromTheFileOrTheEnvironment() throws {
        let temporary = try TemporaryLake()
        try write("[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\n",
                  to: temporary.root + "/secrets/s3.credentials")
        let text = try String(contentsOfFile: temporary.root + "/lake.toml", encoding: .utf8) + """

            [tiers.cloud]
            kind = "s3"
            endpoint = "http://127.0.0.1:8333"
            bucket = "medlake-cold"
            credentials_file = "secrets/s3.credentials"

            [tiers.cloud-env]
            kind = "s3"
            endpoint = "http://127.0.0.1:8333"
            bucket = "medlake-cold"
            access_key_env = "MY_KEY"
            secret_key_env = "MY_SECRET"
            """
        try write(text, to: temporary.root + "/lake.toml")
        let lake = try temporary.open(as: "alice")
        #expect(try lake.s3Tier(named: "cloud", environment: [:]).client.signer.credentials.accessKeyId == "AKIDFROMFILE")
        let fromEnvironment = try lake.s3Tier(named: "cloud-env", environment: ["MY_KEY": "k", "MY_SECRET": "s"])
        #expect(fromEnvironment.client.signer.credentials == S3Credentials(accessKeyId: "k", secretAccessKey: "s"))
        let missing = #expect(throws: S3Error.self) { try lake.s3Tier(named: "cloud-env", environment: [:]) }
        #expect(missing?.kind == .credentialsMissing)
        #expect(missing?.description.contains("MY_KEY") == true)
        #expect(throws: LakeError.self) { try lake.tier(named: "cloud") }
    }
}
