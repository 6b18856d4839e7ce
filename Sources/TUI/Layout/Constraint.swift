/// How much of a split one part wants.
///
/// Solving order (see ``Layout``): fixed amounts (`length`, `percentage`, `ratio`, `max`) and the
/// floors of `min` are granted first; if they do not fit, `max`, then the others from the last part
/// backwards, then `min` give up cells. Space left over goes to `fill` parts by weight, or, when there
/// is none, equally to `min` parts; otherwise it stays unused after the last part.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells.
    case length(Int)
    /// At least this many cells; grows when no `fill` part takes the rest.
    case min(Int)
    /// At most this many cells (wants all of them).
    case max(Int)
    /// This percentage of the space (0–100).
    case percentage(Int)
    /// `numerator / denominator` of the space.
    case ratio(Int, Int)
    /// A share of what the others leave, by weight.
    case fill(Int)
}

/// Which way a ``Layout`` splits.
public enum Direction: Sendable, Hashable {
    /// Side by side, splitting the width.
    case horizontal
    /// Stacked, splitting the height.
    case vertical
}
