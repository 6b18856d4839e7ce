import ArgumentParser
import Catalog
import LakeEngine

/// `medlake retention list`.
struct RetentionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List deletion requests with their approvals, newest first.")

    @OptionGroup var options: LakeOptions

    @Option(help: "pending, rejected, deleting or done.")
    var state: RetentionRequest.State?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let requests = try await allPages { page in
                try await lake.retentionRequests(RetentionRequestQuery(state: state, page: page))
            }
            if options.json { return try printJSON(requests) }
            var table = TextTable("ID", "STATE", "OBJECTS", "DELETED", "KEPT", "BYTES", "APPROVALS", "REQUESTER", "RULES")
            for request in requests {
                table.add(
                    String(request.id), request.state.rawValue, String(request.pending + request.deleted + request.kept),
                    String(request.deleted), String(request.kept), byteCount(request.bytes),
                    "\(request.approvals)/\(request.approvalsNeeded)", request.requester, request.rules.joined(separator: ","))
            }
            print(table.render(empty: "No deletion requests."))
        }
    }
}
