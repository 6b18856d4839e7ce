import Foundation
import Hummingbird
import LakeEngine
import NIOCore
import NIOPosix

/// The routes: one per ``LakeAPI`` call, under `/v1`, and the OpenAPI document that describes them
/// (`docs/openapi.yaml`; `DocsTests` keeps the two in step). Listings are `GET` with their query as URL
/// parameters (``QueryParameters``); changes are `POST` with a JSON body.
extension LakeServer {
    func addRoutes(to router: Router<PeerRequestContext>) {
        let v1 = router.group("v1")
        // The API's own description names no lake, dataset or user: anyone may read it, token or not.
        v1.get("openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: Self.openAPIDocument)))
        }
        v1.get("caller") { _, context in await answer(context) { lake in try lake.caller() } }

        // MARK: - Catalog
        v1.get("datasets") { request, context in
            await answer(context) { lake in try lake.datasets(try DatasetQuery(parameters: request.parameters)) }
        }
        v1.get("dataset") { request, context in
            await answer(context) { lake in try lake.dataset(named: try request.parameters.required("name")) }
        }
        v1.get("studies") { request, context in
            await answer(context) { lake in try lake.studies(try StudyQuery(parameters: request.parameters)) }
        }
        v1.get("series") { request, context in
            await answer(context) { lake in try lake.series(try SeriesQuery(parameters: request.parameters)) }
        }
        v1.get("samples") { request, context in
            await answer(context) { lake in try lake.samples(try SampleQuery(parameters: request.parameters)) }
        }
        v1.get("modalities") { request, context in
            await answer(context) { lake in try lake.modalities(dataset: request.parameters["dataset"]) }
        }

        // MARK: - Flags
        v1.get("flags") { request, context in
            await answer(context) { lake in try lake.flags(try FlagQuery(parameters: request.parameters)) }
        }
        v1.post("flags") { request, context in
            await answer(context, body: request, as: NewFlag.self) { lake, flag in try lake.raiseFlag(flag) }
        }
        v1.post("flags/:id/close") { request, context in
            await answer(context, body: request, as: FlagClosing.self) { lake, closing in
                try lake.closeFlag(id: try context.id(), closing)
            }
        }
        v1.post("flags/:id/reopen") { request, context in
            await answer(context, body: request, as: FlagReopening.self) { lake, reopening in
                try lake.reopenFlag(id: try context.parameters.require("id", as: Int64.self), reopening)
            }
        }
        v1.get("flag-codes") { request, context in
            await answer(context) { lake in
                try lake.flagVocabulary(try FlagCodeQuery(parameters: request.parameters))
            }
        }

        // MARK: - Governance
        v1.get("zones") { _, context in
            await answer(context) { lake in try lake.zones() }
        }
        v1.get("versions") { request, context in
            await answer(context) { lake in try lake.versions(try VersionQuery(parameters: request.parameters)) }
        }
        v1.post("versions") { request, context in
            await answer(context, body: request, as: VersionPublication.self) { lake, publication in
                try lake.publishVersion(of: publication.dataset)
            }
        }
        v1.get("promotions") { request, context in
            await answer(context) { lake in try lake.promotions(try PromotionQuery(parameters: request.parameters)) }
        }
        v1.get("promotions/:id") { _, context in
            await answer(context) { lake in try lake.promotion(id: try context.id()) }
        }
        v1.get("promotions/:id/diff") { _, context in
            await answer(context) { lake in
                try lake.promotionDiff(id: try context.id())
            }
        }
        v1.post("promotions") { request, context in
            await answer(context, body: request, as: PromotionRequest.self) { lake, promotion in
                try lake.requestPromotion(promotion)
            }
        }
        v1.post("promotions/:id/approve") { request, context in
            await answer(context, body: request, as: PromotionComment.self) { lake, body in
                try lake.approvePromotion(id: try context.id(), comment: body.comment)
            }
        }
        v1.post("promotions/:id/reject") { request, context in
            await answer(context, body: request, as: PromotionComment.self) { lake, body in
                try lake.rejectPromotion(id: try context.id(), comment: body.comment)
            }
        }
        v1.post("promotions/:id/execute") { _, context in
            await answer(context) { lake in try lake.executePromotion(id: try context.id()) }
        }

        // MARK: - Manifests
        v1.get("manifest") { request, context in
            await answer(context) { lake in
                try lake.manifestDocument(version: try request.parameters.required("version"))
            }
        }
        v1.post("manifest/verification") { request, context in
            await answer(context, body: request, as: ManifestSource.self) { lake, source in
                try lake.verifyManifest(source)
            }
        }

        // MARK: - Access
        v1.get("roles") { _, context in await answer(context) { lake in try lake.roles() } }
        v1.post("roles") { request, context in
            // The change replaces the lake the service holds, so it goes through `CurrentLake`.
            await answer(context, body: request, as: RoleChange.self) { caller, change in
                try current.changeRole(change, as: caller.actor)
            }
        }
        v1.get("grants") { request, context in
            await answer(context) { lake in try lake.grants(try GrantQuery(parameters: request.parameters)) }
        }
        v1.post("grants") { request, context in
            await answer(context, body: request, as: NewGrant.self) { lake, grant in try lake.grantAccess(grant) }
        }
        v1.post("grants/:id/revoke") { _, context in
            await answer(context) { lake in
                try lake.revokeAccess(grant: try context.id())
            }
        }
        v1.post("labels") { request, context in
            await answer(context, body: request, as: DatasetLabels.self) { lake, labels in try lake.label(labels) }
        }

        // MARK: - Retention
        v1.get("holds") { request, context in
            await answer(context) { lake in try lake.holds(try HoldQuery(parameters: request.parameters)) }
        }
        v1.post("holds") { request, context in
            await answer(context, body: request, as: NewHold.self) { lake, hold in try lake.placeHold(hold) }
        }
        v1.post("holds/:id/release") { request, context in
            await answer(context, body: request, as: HoldRelease.self) { lake, release in
                try lake.releaseHold(id: try context.id(), reason: release.reason)
            }
        }
        v1.post("deprecations") { request, context in
            await answer(context, body: request, as: NewDeprecation.self) { lake, deprecation in
                try lake.deprecate(deprecation)
            }
        }

        // MARK: - Tiers and jobs
        v1.get("tier-occupancy") { _, context in
            await answer(context) { lake in try lake.tierOccupancy() }
        }
        v1.get("migrations") { request, context in
            await answer(context) { lake in try lake.migrationJobs(try MigrationJobQuery(parameters: request.parameters)) }
        }
        v1.get("migrations/:id") { _, context in
            await answer(context) { lake in try lake.job(id: try context.id()) }
        }
        v1.post("migrations") { request, context in
            await answer(context, body: request, as: MigrationRequest.self) { lake, job in try lake.queueJob(job) }
        }
        v1.post("migrations/:id/control") { request, context in
            await answer(context, body: request, as: JobControl.self) { lake, control in
                try lake.controlJob(id: try context.id(), control.action)
            }
        }

        // MARK: - Audit
        v1.get("audit") { request, context in
            await answer(context) { lake in try lake.auditEntries(try AuditQuery(parameters: request.parameters)) }
        }
        v1.get("audit/verification") { _, context in await answer(context) { lake in try lake.verifyAudit() } }
        v1.get("events") { _, context in await events(context) }

        v1.get("runs") { request, context in
            await answer(context) { lake in try lake.trainingRuns(try RunQuery(parameters: request.parameters)) }
        }
        v1.get("runs/:id") { _, context in await answer(context) { lake in try lake.trainingRun(id: try context.id()) } }
        v1.post("runs") { request, context in
            await answer(context, body: request, as: NewRun.self) { lake, run in try lake.recordTrainingRun(run) }
        }

        // MARK: - Tokens
        v1.get("tokens") { _, context in await answer(context) { lake in try lake.tokens() } }
        v1.post("tokens") { request, context in
            await answer(context, body: request, as: NewToken.self) { lake, token in try lake.createToken(token) }
        }
        v1.post("tokens/:name/revoke") { _, context in
            await answer(context) { lake in try lake.revokeToken(name: try context.parameters.require("name")) }
        }

        addStageRoutes(to: v1)
        addInspectionRoutes(to: v1)
        addRetentionRoutes(to: v1)
        addLifecycleRoutes(to: v1)
        addReviewRoutes(to: v1)
    }

    // MARK: - Answering

    /// Runs `work` as the caller and answers with its result as JSON, or with a problem.
    func answer<Value: Encodable & Sendable>(
        _ context: PeerRequestContext, _ work: @escaping @Sendable (Lake) throws -> Value
    ) async -> Response {
        do {
            let caller = try await callerLake(context)
            let value = try await NIOThreadPool.singleton.runIfActive { try work(caller) }
            return try WireFormat.response(value)
        } catch {
            return WireFormat.problemResponse(error)
        }
    }

    /// Names the caller, then decodes the request body as `Body` and runs `work` as the caller with it.
    /// A caller without a valid token is answered 401 before its body is read or judged.
    func answer<Body: Decodable & Sendable, Value: Encodable & Sendable>(
        _ context: PeerRequestContext, body request: Request, as _: Body.Type,
        _ work: @escaping @Sendable (Lake, Body) throws -> Value
    ) async -> Response {
        do {
            let caller = try await callerLake(context)
            var request = request
            let bytes = try await request.collectBody(upTo: WireFormat.maximumBody)
            let body = try WireFormat.decoder.decode(Body.self, from: Data(buffer: bytes))
            let value = try await NIOThreadPool.singleton.runIfActive { try work(caller, body) }
            return try WireFormat.response(value)
        } catch {
            return WireFormat.problemResponse(error)
        }
    }

    /// The lake acting as the request's caller (see ``caller(of:)``).
    func callerLake(_ context: PeerRequestContext) async throws -> Lake {
        current.acting(as: try await caller(of: context))
    }
}

extension Request {
    /// The URL query parameters (first of each name), percent-decoded.
    var parameters: [String: String] {
        Dictionary(uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in first }
    }
}

extension [String: String] {
    /// The parameter `name`, which the route needs.
    /// - Throws: ``LakeError/invalidArgument(_:)`` naming it when it is absent.
    func required(_ name: String) throws -> String {
        guard let value = self[name] else { throw LakeError.invalidArgument("Please give the '\(name)' parameter.") }
        return value
    }
}

extension PeerRequestContext {
    /// The route's `:id`, a catalog row id.
    /// - Throws: ``LakeError/invalidArgument(_:)`` (400) when it is not a 64-bit integer.
    func id() throws -> Int64 {
        let text = parameters.get("id") ?? ""
        guard let id = Int64(text) else {
            throw LakeError.invalidArgument("The id in the path is not a whole number: '\(text)'.")
        }
        return id
    }
}
