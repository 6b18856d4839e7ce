import Foundation

/// The outcome of one step of ``S3Tier/probe()``.
public struct S3ProbeStep: Sendable, Hashable, Codable {
    /// The steps, in the order ``S3Tier/probe()`` takes them.
    public enum Step: String, Sendable, Hashable, Codable, CaseIterable {
        case endpoint, credentials, bucket, write, read, delete
    }

    public var name: Step
    public var passed: Bool
    /// What was found, or the error (never credentials).
    public var detail: String
}

extension S3Tier {
    /// Checks the tier end to end: the endpoint answers, the credentials are accepted, the bucket exists,
    /// and a small probe object can be written, read back identical and deleted.
    ///
    /// Stops at the first failing step; the steps after it are not reported.
    public func probe() async -> [S3ProbeStep] {
        var steps: [S3ProbeStep] = []
        do {
            _ = try await client.listObjects(prefix: "objects/", maxKeys: 1)
            steps.append(S3ProbeStep(name: .endpoint, passed: true, detail: client.location.origin))
            steps.append(S3ProbeStep(name: .credentials, passed: true, detail: "accepted"))
            steps.append(S3ProbeStep(name: .bucket, passed: true, detail: client.location.bucket + " exists"))
        } catch let error as S3Error {
            let reachable = error.kind != .transport
            steps.append(S3ProbeStep(
                name: .endpoint, passed: reachable, detail: reachable ? client.location.origin : error.description))
            if reachable {
                let credentialsOK = error.kind != .invalidCredentials
                steps.append(S3ProbeStep(
                    name: .credentials, passed: credentialsOK,
                    detail: credentialsOK ? "accepted" : error.description))
                if credentialsOK { steps.append(S3ProbeStep(name: .bucket, passed: false, detail: error.description)) }
            }
            return steps
        } catch {
            steps.append(S3ProbeStep(name: .endpoint, passed: false, detail: String(describing: error)))
            return steps
        }
        let key = "probe/medlake-probe-" + UUID().uuidString.lowercased()
        let payload = Array("medlake tier probe \(Date().timeIntervalSince1970)\n".utf8)
        do {
            try await client.putObject(key: key, bytes: payload)
            steps.append(S3ProbeStep(name: .write, passed: true, detail: "\(payload.count) bytes"))
        } catch {
            steps.append(S3ProbeStep(name: .write, passed: false, detail: String(describing: error)))
            return steps
        }
        do {
            let back = try await client.getObject(key: key)
            let same = back == payload
            steps.append(S3ProbeStep(name: .read, passed: same, detail: same ? "identical" : "bytes differ"))
        } catch {
            steps.append(S3ProbeStep(name: .read, passed: false, detail: String(describing: error)))
        }
        do {
            try await client.deleteObject(key: key)
            let gone = try await client.headObject(key: key) == nil
            steps.append(S3ProbeStep(name: .delete, passed: gone, detail: gone ? "removed" : "still present"))
        } catch {
            steps.append(S3ProbeStep(name: .delete, passed: false, detail: String(describing: error)))
        }
        return steps
    }
}
