/// Splits a rectangle into parts along one direction by ``Constraint``s.
///
/// ```swift
/// let rows = Layout(.vertical, [.length(1), .fill(1), .length(1)]).split(screen)
/// let columns = Layout(.horizontal, [.percentage(30), .fill(1)], spacing: 1).split(rows[1])
/// ```
/// The parts never overlap and never leave the rectangle; their sizes sum to at most its size.
public struct Layout: Sendable, Hashable {
    public var direction: Direction
    public var constraints: [Constraint]
    /// Cells left empty between neighbouring parts.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = max(0, spacing)
    }

    /// One rectangle per constraint, in order.
    public func split(_ area: Rect) -> [Rect] {
        let extent = direction == .horizontal ? area.width : area.height
        let gaps = spacing * max(0, constraints.count - 1)
        let sizes = Self.solve(constraints, total: max(0, extent - gaps))
        var position = direction == .horizontal ? area.x : area.y
        var parts: [Rect] = []
        parts.reserveCapacity(sizes.count)
        let end = position + extent
        for size in sizes {
            let clamped = max(0, min(size, end - position))
            if direction == .horizontal {
                parts.append(Rect(x: position, y: area.y, width: clamped, height: area.height))
            } else {
                parts.append(Rect(x: area.x, y: position, width: area.width, height: clamped))
            }
            position = min(end, position + clamped + spacing)
        }
        return parts
    }

    /// Sizes for `constraints` sharing `total` cells.
    static func solve(_ constraints: [Constraint], total: Int) -> [Int] {
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n), .min(let n), .max(let n): max(0, n)
            case .percentage(let p): total * min(100, max(0, p)) / 100
            case .ratio(let numerator, let denominator):
                denominator > 0 ? total * max(0, min(numerator, denominator)) / denominator : 0
            case .fill: 0
            }
        }
        var excess = sizes.reduce(0, +) - total
        if excess > 0 {
            let isMax: (Constraint) -> Bool = { if case .max = $0 { true } else { false } }
            let isMin: (Constraint) -> Bool = { if case .min = $0 { true } else { false } }
            for pass in [isMax, { !isMax($0) && !isMin($0) }, isMin] {
                for index in sizes.indices.reversed() where excess > 0 && pass(constraints[index]) {
                    let cut = min(sizes[index], excess)
                    sizes[index] -= cut
                    excess -= cut
                }
            }
            return sizes
        }
        var spare = -excess
        let fillWeights = constraints.map { if case .fill(let w) = $0 { max(0, w) } else { 0 } }
        let minWeights = constraints.map { if case .min = $0 { 1 } else { 0 } }
        let weights = fillWeights.contains(where: { $0 > 0 }) ? fillWeights : minWeights
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        let share = spare
        for index in sizes.indices where weights[index] > 0 {
            let grant = share * weights[index] / totalWeight
            sizes[index] += grant
            spare -= grant
        }
        for index in sizes.indices where weights[index] > 0 && spare > 0 {
            sizes[index] += 1
            spare -= 1
        }
        return sizes
    }
}

extension Rect {
    /// Splits this rectangle with ``Layout``.
    public func split(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Layout(direction, constraints, spacing: spacing).split(self)
    }
}
