/// Something drawn into a rectangle of a buffer, immediate mode: a value built each frame from the
/// model, rendered, and dropped.
///
/// Rendering never reads globals or does I/O and never draws outside `area`.
public protocol Widget {
    func render(in area: Rect, buffer: inout Buffer)
}

/// A widget whose scroll position or selection lives outside it, in `State`, so the model owns it.
///
/// `render` may adjust the state (e.g. scroll so the selection stays visible).
public protocol StatefulWidget {
    associatedtype State
    func render(in area: Rect, buffer: inout Buffer, state: inout State)
}
