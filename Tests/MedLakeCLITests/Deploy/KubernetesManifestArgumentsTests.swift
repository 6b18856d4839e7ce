import ArgumentParser
import Foundation
import Testing
import Yams

@testable import medlake

/// The Kubernetes manifests under `deploy/kubernetes/` run the CLI as it is: every command line of every
/// container that runs `medlake` parses with the CLI's own parser (options, arguments and `validate()`),
/// so a renamed or removed flag fails here rather than in a cluster; every `MEDLAKE_*` variable a pod
/// sets is one the CLI reads (``MedLakeEnvironment``); and every container that reaches the lake over
/// HTTPS brings a token and a CA and mounts no lake volume.
@Suite struct KubernetesManifestArgumentsTests {
    /// The repository's root (this file is `Tests/MedLakeCLITests/Deploy/…`).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The image name every MedLake container uses; `kustomization.yaml` maps it to the built digest.
    static let image = "medlake"
    /// The image's entrypoint (docs/image.md): a container may name it as its command.
    static let entrypoint = "/usr/local/bin/medlake"

    /// One container of one manifest, as far as these checks need it.
    struct Container: CustomStringConvertible {
        var file: String
        var object: String
        var name: String
        var image: String
        var command: [String]
        var args: [String]
        /// `env` entries: the name, and whether the value comes from a Secret.
        var environment: [(name: String, fromSecret: Bool)]
        /// The pod's volumes this container mounts that are PersistentVolumeClaims.
        var claimsMounted: [String]

        var description: String { "\(file): \(object) container \(name)" }

        /// The arguments `medlake` gets, or nil when the container does not run it.
        var medlakeArguments: [String]? {
            if command.first == KubernetesManifestArgumentsTests.entrypoint { return Array(command.dropFirst()) + args }
            guard image == KubernetesManifestArgumentsTests.image, command.isEmpty else { return nil }
            return args
        }
    }

    @Test("Every medlake command line in deploy/kubernetes parses with the CLI's parser")
    func everyCommandLineParses() throws {
        let containers = try Self.containers()
        let commandLines = containers.compactMap { container in container.medlakeArguments.map { (container, $0) } }
        // The lake service, the workers, the lifecycle CronJob and the training Job's two init containers.
        #expect(Set(commandLines.compactMap(\.1.first)) == ["serve", "worker", "lifecycle", "stage", "run"])
        for (container, arguments) in commandLines {
            #expect(throws: Never.self, "\(container): medlake \(arguments.joined(separator: " "))") {
                _ = try MedLake.parseAsRoot(arguments)
            }
            // The check can fail: the same line with its first option renamed is refused.
            guard let index = arguments.firstIndex(where: { $0.hasPrefix("--") }) else { continue }
            var renamed = arguments
            renamed[index] = arguments[index].replacingOccurrences(of: "--", with: "--renamed-")
            #expect(throws: (any Error).self, "\(container): \(renamed)") { _ = try MedLake.parseAsRoot(renamed) }
        }
        // A container image other than medlake's runs no medlake command (the training container).
        #expect(containers.contains { $0.medlakeArguments == nil })
    }

    @Test("Every MEDLAKE_* variable the manifests set is one the CLI reads")
    func everyVariableIsRead() throws {
        let containers = try Self.containers()
        let set = containers.flatMap { container in container.environment.map { (container, $0.name) } }
            .filter { $0.1.hasPrefix("MEDLAKE_") }
        #expect(set.count > 5, "the manifests set MEDLAKE_ variables for the workers and the training Job")
        for (container, name) in set {
            #expect(MedLakeEnvironment.variables.contains(name), "\(container): \(name) is read by no medlake command")
        }
    }

    @Test("A container reaching the lake over HTTPS has a token from a Secret and a CA, and no lake volume")
    func remoteClientsCarryTokenAndCA() throws {
        let remote = try Self.containers().filter { container in
            container.medlakeArguments?.contains { $0.hasPrefix("--lake=https://") } == true
        }
        // The workers, the lifecycle CronJob and the training Job's two init containers.
        #expect(remote.count == 4)
        for container in remote {
            let arguments = container.medlakeArguments ?? []
            let token = container.environment.contains { $0.name == LakeOptions.tokenVariable && $0.fromSecret }
            #expect(token || arguments.contains { $0.hasPrefix("--token-file") }, "\(container): no token from a Secret")
            let authority = container.environment.contains { $0.name == LakeOptions.caFileVariable }
            #expect(authority || arguments.contains { $0.hasPrefix("--ca-file") }, "\(container): no CA")
            #expect(container.claimsMounted.isEmpty, "\(container) mounts \(container.claimsMounted)")
        }
    }

    // MARK: - Reading the manifests

    /// Every container and init container of every pod template in `deploy/kubernetes/*.yaml`.
    static func containers() throws -> [Container] {
        let folder = root.appendingPathComponent("deploy/kubernetes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 8, "deploy/kubernetes has its manifests")
        var found: [Container] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for document in try Yams.compose_all(yaml: text) {
                guard let kind = document["kind"]?.string else { continue }
                let object = kind + "/" + (document["metadata"]?["name"]?.string ?? "?")
                guard let pod = podSpec(of: document) else { continue }
                let claims = Set((pod["volumes"]?.sequence ?? []).compactMap { volume -> String? in
                    volume["persistentVolumeClaim"] == nil ? nil : volume["name"]?.string
                })
                for key in ["initContainers", "containers"] {
                    for container in pod[key]?.sequence ?? [] {
                        found.append(
                            Container(
                                file: file, object: object, name: container["name"]?.string ?? "?",
                                image: container["image"]?.string ?? "", command: strings(container["command"]),
                                args: strings(container["args"]),
                                environment: (container["env"]?.sequence ?? []).map { variable in
                                    (variable["name"]?.string ?? "", variable["valueFrom"]?["secretKeyRef"] != nil)
                                },
                                claimsMounted: (container["volumeMounts"]?.sequence ?? []).compactMap { mount in
                                    mount["name"]?.string.flatMap { claims.contains($0) ? $0 : nil }
                                }))
                    }
                }
            }
        }
        return found
    }

    /// The pod spec of a workload object (Pod, Deployment, Job, CronJob…); nil for other objects.
    static func podSpec(of document: Node) -> Node? {
        switch document["kind"]?.string {
        case "Pod": document["spec"]
        case "CronJob": document["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job": document["spec"]?["template"]?["spec"]
        default: nil
        }
    }

    /// A sequence of scalars as written (a number stays its text), empty when absent.
    static func strings(_ node: Node?) -> [String] {
        (node?.sequence ?? []).compactMap(\.string)
    }
}
