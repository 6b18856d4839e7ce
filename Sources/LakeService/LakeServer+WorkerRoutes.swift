import Hummingbird
import LakeEngine

/// The routes of workers on other hosts (``MigrationCoordinator``), under `/v1/worker`: claim a job,
/// get its next items, renew the lease, report verified copies (the service switches the placements)
/// and release the job. Each needs a caller allowed to migrate (an operator's or admin's token); the
/// engine checks the lease and the reported SHA-256s in the transaction that switches.
extension LakeServer {
    func addWorkerRoutes(to router: Router<PeerRequestContext>) {
        let v1 = router.group("v1")
        v1.post("worker/claims") { request, context in
            await answer(context, body: request, as: WorkerClaimRequest.self) { lake, claim in try lake.claimJob(claim) }
        }
        v1.post("worker/jobs/:id/items") { request, context in
            await answer(context, body: request, as: WorkerItemsRequest.self) { lake, asked in
                try lake.nextItems(job: try context.id(), asked)
            }
        }
        v1.post("worker/jobs/:id/lease") { request, context in
            await answer(context, body: request, as: WorkerLeaseRenewal.self) { lake, renewal in
                try lake.renewLease(job: try context.id(), renewal)
            }
        }
        v1.post("worker/jobs/:id/reports") { request, context in
            await answer(context, body: request, as: WorkerReport.self) { lake, report in
                try lake.report(job: try context.id(), report)
            }
        }
        v1.post("worker/jobs/:id/release") { request, context in
            await answer(context, body: request, as: WorkerRelease.self) { lake, release in
                try lake.releaseJob(job: try context.id(), release)
            }
        }
    }
}
