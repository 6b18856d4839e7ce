import Foundation
import Testing

/// `docs/openapi.yaml` describes the service as it is: every route the server registers, and nothing
/// else; the problem codes the engine answers with; and the copy the binary serves is the file.
@Suite struct OpenAPIDocumentTests {
    static let root = GeneratedDocsTests.root

    /// A route as `METHOD /path`, with path parameters written `{name}` as OpenAPI does.
    struct Route: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method.uppercased()) \(path)" }
    }

    @Test("Every route LakeServer registers is in docs/openapi.yaml, and the document has no other")
    func routesMatch() throws {
        // Routes are registered in LakeServer+Routes.swift and in files beside it for larger areas.
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/Sources/LakeService")
            .filter { $0.hasPrefix("LakeServer+") && $0.hasSuffix(".swift") }.sorted()
        let source = try files.map { try Self.read("Sources/LakeService/" + $0) }.joined(separator: "\n")
        // `v1.get("…")` for the API's routes, `router.get("…")` for the probes at the root.
        let pattern = /(v1|router)\.(get|post|put|patch|delete)\("([^"]+)"\)/
        let registered = Set(source.matches(of: pattern).map { match in
            let path = match.3.split(separator: "/").map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }
            let prefix = match.1 == "v1" ? "/v1/" : "/"
            return Route(method: String(match.2), path: prefix + path.joined(separator: "/"))
        })
        #expect(registered.count > 30, "the route pattern no longer matches the LakeServer+…Routes.swift files")
        let documented = try Self.documentedRoutes()
        #expect(registered.subtracting(documented).isEmpty, "not in docs/openapi.yaml: \(registered.subtracting(documented))")
        #expect(documented.subtracting(registered).isEmpty, "documented but not served: \(documented.subtracting(registered))")
    }

    @Test("The document's ProblemCode enum is the engine's ProblemCode, case for case")
    func problemCodesMatch() throws {
        let source = try Self.read("Sources/LakeEngine/API/ProblemCode.swift")
        let cases = source.matches(of: /(?m)^    case (\w+)$/).map { String($0.1) }
        #expect(cases.count > 10)
        let yaml = try Self.read("docs/openapi.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = yaml.firstIndex(of: "    ProblemCode:") else {
            Issue.record("docs/openapi.yaml has no ProblemCode schema")
            return
        }
        let listed = yaml[(start + 1)...].drop { $0 != "      enum:" }.dropFirst()
            .prefix { $0.hasPrefix("        - ") }.map { String($0.dropFirst("        - ".count)) }
        #expect(listed == cases)
    }

    @Test("The document the service serves is docs/openapi.yaml (Scripts/embed-openapi.py)")
    func embeddedCopy() throws {
        let result = try GeneratedDocsTests.run("Scripts/embed-openapi.py", "--check")
        #expect(result.status == 0, "\(result.output)")
    }

    /// The `paths` of docs/openapi.yaml: a path is a line `  /v1/…:`, its operations `    get:` below it.
    static func documentedRoutes() throws -> Set<Route> {
        var routes: Set<Route> = []
        var path: String?
        for line in try read("docs/openapi.yaml").split(separator: "\n") {
            if line == "components:" { break }
            if let match = line.wholeMatch(of: /\ {2}(\/\S+):/) {
                path = String(match.1)
            } else if let match = line.wholeMatch(of: /\ {4}(get|post|put|patch|delete):/), let path {
                routes.insert(Route(method: String(match.1), path: path))
            }
        }
        return routes
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }
}
