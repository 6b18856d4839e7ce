import Hummingbird

/// Copies the request's `Authorization` header into its context, where ``LakeServer`` reads the bearer
/// token of a TCP caller (a Unix-socket caller's header is never read: the kernel names that caller).
struct AuthorizationMiddleware: RouterMiddleware {
    typealias Context = PeerRequestContext

    func handle(
        _ request: Request, context: PeerRequestContext,
        next: (Request, PeerRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.authorization = request.headers[.authorization]
        return try await next(request, context)
    }
}
