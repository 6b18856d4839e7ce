/// Data a screen fetched off the main actor: not yet there, there, or failed with a message.
public enum Loadable<Value: Sendable>: Sendable {
    case loading
    case loaded(Value)
    case failed(String)

    public var value: Value? {
        if case .loaded(let value) = self { return value }
        return nil
    }

    /// Whether the value is still on its way.
    public var isLoading: Bool {
        if case .loading = self { return true }
        return false
    }
}

extension Loadable {
    /// The loaded value made into another; loading and failure stay as they are.
    func map<Other>(_ transform: (Value) -> Other) -> Loadable<Other> {
        switch self {
        case .loading: .loading
        case .loaded(let value): .loaded(transform(value))
        case .failed(let message): .failed(message)
        }
    }
}
