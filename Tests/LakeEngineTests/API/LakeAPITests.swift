import Foundation
import Testing

@testable import LakeEngine

/// ``LakeAPI`` as the in-process ``Lake`` serves it: typed values, paging and sorting after the access
/// checks, and the acting user.
@Suite struct LakeAPITests {
    let lake: TemporaryLake

    /// Datasets `small` (1 file), `medium` (2) and `large` (3 files, the most bytes), owned by alice.
    init() throws {
        lake = try TemporaryLake()
        for (name, count) in [("small", 1), ("medium", 2), ("large", 3)] {
            let input = try lake.inputFolder()
            for index in 0..<count {
                try write(String(repeating: "\(name)-\(index) ", count: 100 * count), to: "\(input)/f\(index).bin")
            }
            _ = try lake.owner.ingest([input], dataset: name, options: IngestOptions(keepUnknown: true))
        }
    }

    @Test func datasetsArePagedAndSortedInTheEngine() async throws {
        let api: any LakeAPI = lake.owner
        let first = try await api.datasets(DatasetQuery(sort: .bytes, descending: true, page: PageRequest(limit: 2)))
        #expect(first.items.map(\.name) == ["large", "medium"])
        #expect(first.total == 3)
        #expect(first.nextOffset == 2)
        let rest = try await api.datasets(DatasetQuery(sort: .bytes, descending: true, page: PageRequest(offset: 2, limit: 2)))
        #expect(rest.items.map(\.name) == ["small"])
        #expect(rest.nextOffset == nil)
        let all = try await allPages { page in try await api.datasets(DatasetQuery(page: page)) }
        #expect(all.map(\.name) == ["large", "medium", "small"])
        #expect(all.first?.fileCount == 3)
        #expect(all.first?.status == .active)
    }

    @Test func aPageNeverExceedsTheMaximum() {
        #expect(PageRequest(limit: 1_000_000).limit == PageRequest.maximumLimit)
        #expect(PageRequest(offset: -5, limit: 0) == PageRequest(offset: 0, limit: 1))
        let page = Page(slicing: Array(0..<10), PageRequest(offset: 8, limit: 5))
        #expect(page.items == [8, 9])
        #expect(page.total == 10)
        #expect(Page(slicing: Array(0..<3), PageRequest(offset: 7, limit: 5)).items.isEmpty)
    }

    @Test func flagsAreTypedValues() async throws {
        let api: any LakeAPI = lake.owner
        let raised = try await api.raiseFlag(NewFlag(target: "small", code: "needs-review", note: "look"))
        #expect(raised.severity == .warning || raised.severity == .info || raised.severity == .blocking)
        #expect(raised.state == .open)
        #expect(raised.source == .person)
        #expect(raised.targetKind == .dataset)
        #expect(raised.dataset == "small")
        #expect(raised.author == "alice")
        let waived = try await api.closeFlag(id: raised.id, .waive(reason: "fine"))
        #expect(waived.state == .waived)
        #expect(waived.resolution == "fine")
        let listed = try await api.flags(FlagQuery(state: .waived))
        #expect(listed.items.map(\.id) == [raised.id])
    }

    @Test func actingAsAnotherUserChangesWhoActsNotWhatIsOpen() async throws {
        try lake.setRoles([.admin: ["alice"], .curator: ["alice", "bob"]])
        let opened = try lake.open(as: "alice")
        let bob: any LakeAPI = opened.acting(as: Identity(user: "bob", uid: 2001))
        #expect(try await bob.caller() == Caller(user: "bob", uid: 2001, roles: [.curator]))
        let flag = try await bob.raiseFlag(NewFlag(target: "small", code: "needs-review", note: "by bob"))
        #expect(flag.author == "bob")
        let entries = try await (opened as any LakeAPI).auditEntries(AuditQuery(action: "flag.add"))
        #expect(entries.items.map(\.actor) == ["bob"])
        #expect(entries.items.first?.role == .curator)

        let nobody: any LakeAPI = opened.acting(as: Identity(user: "mallory", uid: 2002))
        #expect(try await nobody.caller().roles.isEmpty)
        await #expect(throws: LakeError.notPermitted(user: "mallory", permission: .read)) {
            try await nobody.datasets(DatasetQuery())
        }
    }

    @Test func failuresSurviveTheTripThroughProblemDetails() throws {
        let errors: [any Error] = [
            LakeError.notPermitted(user: "carol", permission: .read),
            GovernanceError.ownRequest(promotion: 4, user: "alice"),
            ConfigurationError(path: "/l/lake.toml", line: 3, key: "roles.admin", message: "not a list"),
        ]
        for error in errors {
            let problem = ProblemDetails(EngineFailure(error))
            let decoded = try JSONDecoder().decode(ProblemDetails.self, from: JSONEncoder().encode(problem))
            #expect(decoded.failure == EngineFailure(error))
            #expect(decoded.detail == String(describing: error))
        }
        let denied = ProblemDetails(EngineFailure(LakeError.notPermitted(user: "carol", permission: .read)))
        #expect(denied.code == .notPermitted && denied.status == 403 && denied.type == "urn:medlake:problem:notPermitted")
        #expect(ProblemDetails(EngineFailure(LakeError.notFound(kind: "flag", id: "9"))).status == 404)
        #expect(ProblemDetails(EngineFailure(GovernanceError.checksFailed(promotion: 1, failed: ["x"]))).status == 422)
        // A bad dataset name is the caller's mistake (400), not the service's (schemathesis found a 500).
        let badName = ProblemDetails(EngineFailure(DatasetNameError(name: "", problem: .empty)))
        #expect(badName.code == .invalidArgument && badName.status == 400)
    }

    @Test func queriesRoundTripThroughURLParameters() throws {
        let query = DatasetQuery(
            modality: "CT", zone: "raw", sort: .openFlags, descending: true, text: "ch", page: PageRequest(offset: 3, limit: 7))
        #expect(try DatasetQuery(parameters: Dictionary(uniqueKeysWithValues: query.parameters)) == query)
        let flags = FlagQuery(
            state: .open, severity: .blocking, dataset: "a&b=c", sort: .severity, descending: true, text: "50%")
        #expect(try FlagQuery(parameters: Dictionary(uniqueKeysWithValues: flags.parameters)) == flags)
        for studies in [
            StudyQuery(dataset: "ct"), StudyQuery(dataset: "ct", sort: .patient, descending: true, text: "x", containing: "1.2"),
        ] {
            #expect(try StudyQuery(parameters: Dictionary(uniqueKeysWithValues: studies.parameters)) == studies)
        }
        for series in [
            SeriesQuery(dataset: "ct"),
            SeriesQuery(dataset: "ct", study: "1", sort: .bodyPart, descending: true, text: "chest", containing: "1.2.3"),
        ] {
            #expect(try SeriesQuery(parameters: Dictionary(uniqueKeysWithValues: series.parameters)) == series)
        }
        for samples in [SampleQuery(), SampleQuery(assay: "WGS", sort: .files, descending: true, text: "bam")] {
            #expect(try SampleQuery(parameters: Dictionary(uniqueKeysWithValues: samples.parameters)) == samples)
        }
        // An unknown order is named, never guessed.
        #expect(throws: LakeError.invalidArgument("Query parameter 'sort' is not valid: size")) {
            try SeriesQuery(parameters: ["dataset": "ct", "sort": "size"])
        }
        #expect(throws: LakeError.invalidArgument("Query parameter 'descending' is not valid: maybe")) {
            try FlagQuery(parameters: ["descending": "maybe"])
        }
        let since = Date(timeIntervalSince1970: 1_800_000_000)
        let audit = AuditQuery(actor: "bob", action: "flag.", since: since)
        #expect(try AuditQuery(parameters: Dictionary(uniqueKeysWithValues: audit.parameters)) == audit)
        #expect(throws: LakeError.invalidArgument("Query parameter 'sort' is not valid: size")) {
            try DatasetQuery(parameters: ["sort": "size"])
        }
        // Without a dataset: every readable dataset's studies.
        #expect(try StudyQuery(parameters: [:]) == StudyQuery(dataset: nil))
        let studies = StudyQuery(dataset: nil, sort: .patient, descending: true, text: "p1")
        #expect(try StudyQuery(parameters: Dictionary(uniqueKeysWithValues: studies.parameters)) == studies)
        let instances = InstanceQuery(dataset: "ct", series: "1.2", sort: .uid, descending: true, text: "3")
        #expect(try InstanceQuery(parameters: Dictionary(uniqueKeysWithValues: instances.parameters)) == instances)
        #expect(throws: LakeError.self) { try InstanceQuery(parameters: ["dataset": "ct"]) }
        for codes in [FlagCodeQuery(), FlagCodeQuery(kind: .sample)] {
            #expect(try FlagCodeQuery(parameters: Dictionary(uniqueKeysWithValues: codes.parameters)) == codes)
        }
        #expect(throws: LakeError.invalidArgument("Query parameter 'for' is not valid: patient")) {
            try FlagCodeQuery(parameters: ["for": "patient"])
        }
    }
}
