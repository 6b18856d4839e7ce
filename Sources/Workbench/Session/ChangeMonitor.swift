import LakeEngine
import Synchronization

/// Counts the commits the lake's ``ChangeFeed`` reports, so the workbench's tick can ask "did anything
/// change since I last looked?": in-process the feed watches the catalog, through the service the
/// changes are pushed as server-sent events.
///
/// The first ``version()`` opens the feed and returns only once it is open, so every commit after the
/// first poll's answer is counted. A task follows the feed until the monitor goes away; a feed that ends
/// (the service restarted) is opened again by the next poll. A feed that cannot be opened (a user with
/// no reading role) is not asked again: the count stays where it is and screens reload on keys only.
///
/// Thread-safe: the state sits behind a `Mutex`.
final class ChangeMonitor: Sendable {
    private let api: any LakeAPI
    private let state = Mutex<State>(State())

    private struct State {
        var changes = 0
        var following: Task<Void, Never>?
        var refused = false
    }

    init(api: any LakeAPI) {
        self.api = api
    }

    deinit {
        state.withLock { $0.following?.cancel() }
    }

    /// How many changes the feed has reported so far, opening it first if it is not open.
    func version() async -> Int {
        let (count, open) = state.withLock { ($0.changes, $0.following != nil || $0.refused) }
        if open { return count }
        let stream: AsyncThrowingStream<CatalogChange, any Error>
        do {
            stream = try await api.changes()
        } catch {
            return state.withLock { state in
                state.refused = true
                return state.changes
            }
        }
        return state.withLock { state in
            if state.following == nil {
                state.following = Task.detached { [weak self] in
                    do {
                        for try await _ in stream { self?.state.withLock { $0.changes += 1 } }
                    } catch {}
                    self?.state.withLock { $0.following = nil }
                }
            }
            return state.changes
        }
    }
}
