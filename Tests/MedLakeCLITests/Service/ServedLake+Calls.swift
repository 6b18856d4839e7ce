import Foundation
import Testing

/// What the service tests do to a ``ServedLake`` besides running `medlake`: a fourth user with the
/// annotator role, and raw HTTP calls with curl on the socket (an attacker needs no `medlake`).
extension ServedLake {
    /// A served lake where root has made one more user, dave, an annotator through the service.
    static func withAnnotator() throws -> (ServedLake, dave: String) {
        let served = try ServedLake(people: ["dave"])
        let dave = served.extra[0]
        let granted = try served.medlake(["roles", "grant", dave, "annotator"], as: "root")
        #expect(granted.status == 0, "\(granted.stderr)")
        return (served, dave)
    }

    /// Sends `body` to `POST /v1/PATH` as `user` with curl, and decodes the problem it answers with.
    func problem(post path: String, _ body: String, as user: String) throws -> ProblemJSON {
        let answer = try tool(
            "/usr/bin/curl",
            ["-s", "--unix-socket", socket, "-H", "Content-Type: application/json", "-d", body, "http://lake/v1/" + path],
            as: user)
        return try JSONDecoder().decode(ProblemJSON.self, from: Data(answer.stdout.utf8))
    }

    /// Sends `GET /v1/PATH` (with its query) as `user` with curl, and decodes the problem it answers with.
    func problem(get path: String, as user: String) throws -> ProblemJSON {
        let answer = try tool("/usr/bin/curl", ["-s", "--unix-socket", socket, "http://lake/v1/" + path], as: user)
        return try JSONDecoder().decode(ProblemJSON.self, from: Data(answer.stdout.utf8))
    }

    /// The service account ingests, through the service, a two-record VCF of `sample` (with `header` as an
    /// extra meta line) into `dataset`, from a folder its process may read.
    func ingestVCF(sample: String, dataset: String, header: String = "##source=test") throws {
        let folder = base + "/genomics-" + dataset
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        let file = folder + "/" + sample + ".vcf"
        try """
            ##fileformat=VCFv4.3
            \(header)
            ##contig=<ID=chr1,length=248956422>
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t\(sample)
            chr1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1
            chr1\t200\t.\tAT\tA\t50\tPASS\t.\tGT\t1/1

            """.write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let ingested = try medlake(["ingest", folder, "--dataset", dataset], as: service)
        try #require(ingested.status == 0, "\(ingested.stderr)")
    }

    /// Stops the service, appends `toml` to the lake's `lake.toml` (as root, the way an administrator
    /// adds a policy), and starts it again so it reads the new configuration.
    func appendingConfiguration(_ toml: String) throws {
        stop()
        let path = lake + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8) + "\n" + toml
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try start()
    }
}

/// A command's `--json` output decoded as `T` (dates in ISO 8601, as the CLI writes them); when it is not
/// that, the issue recorded shows what the command wrote.
func decode<T: Decodable>(
    _ type: T.Type, _ result: MedLakeProcess.Result, sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    do {
        return try decoder.decode(T.self, from: Data(result.stdout.utf8))
    } catch {
        Issue.record("not a \(T.self) (status \(result.status)): \(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The stable code of a command's `--json` failure on standard error.
func failure(_ result: MedLakeProcess.Result) throws -> String {
    try JSONDecoder().decode(FailureJSON.self, from: Data(result.stderr.utf8)).code
}
