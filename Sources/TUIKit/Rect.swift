/// A rectangle of terminal cells; screens lay themselves out by splitting rects instead of doing arithmetic inline.
///
/// Widths and heights are never negative: every helper clamps at zero so a tiny terminal (down to 1×1)
/// produces empty rects rather than traps.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The whole screen of the given size.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var area: Int { width * height }
    public var description: String { "Rect(x: \(x), y: \(y), w: \(width), h: \(height))" }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// Shrinks every side by `by` cells (a box border is `inset(by: 1)`).
    public func inset(by n: Int) -> Rect {
        inset(top: n, left: n, bottom: n, right: n)
    }

    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let w = max(0, width - left - right)
        let h = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
    }

    /// The overlap of two rects (empty, positioned at the clamped corner, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x)
        let ny = max(y, other.y)
        let mx = min(maxX, other.maxX)
        let my = min(maxY, other.maxY)
        return Rect(x: nx, y: ny, width: max(0, mx - nx), height: max(0, my - ny))
    }

    /// Left part `leftWidth` wide (clamped) and the rest; `gap` columns between them are given to neither.
    public func splitHorizontally(leftWidth: Int, gap: Int = 0) -> (left: Rect, right: Rect) {
        let lw = min(max(0, leftWidth), width)
        let g = min(max(0, gap), width - lw)
        return (
            Rect(x: x, y: y, width: lw, height: height),
            Rect(x: x + lw + g, y: y, width: width - lw - g, height: height)
        )
    }

    /// Top part `topHeight` tall (clamped) and the rest; `gap` rows between them are given to neither.
    public func splitVertically(topHeight: Int, gap: Int = 0) -> (top: Rect, bottom: Rect) {
        let th = min(max(0, topHeight), height)
        let g = min(max(0, gap), height - th)
        return (
            Rect(x: x, y: y, width: width, height: th),
            Rect(x: x, y: y + th + g, width: width, height: height - th - g)
        )
    }

    /// Splits off the bottom `bottomHeight` rows (status bars, input lines).
    public func splitBottom(_ bottomHeight: Int) -> (top: Rect, bottom: Rect) {
        splitVertically(topHeight: height - min(max(0, bottomHeight), height))
    }

    /// Splits off the right `rightWidth` columns.
    public func splitRight(_ rightWidth: Int) -> (left: Rect, right: Rect) {
        splitHorizontally(leftWidth: width - min(max(0, rightWidth), width))
    }

    /// The row `i` (relative) as a one-row rect; empty if out of range.
    public func row(_ i: Int) -> Rect {
        guard i >= 0, i < height else { return Rect(x: x, y: y + max(0, min(i, height)), width: width, height: 0) }
        return Rect(x: x, y: y + i, width: width, height: 1)
    }

    /// A rect of at most the given size centred in this one (dialogs).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width)
        let ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// Splits the width into columns proportional to `weights` (remainders go to the first columns).
    public func columns(weights: [Int], gap: Int = 0) -> [Rect] {
        guard !weights.isEmpty else { return [] }
        let totalGap = max(0, gap) * (weights.count - 1)
        let avail = max(0, width - totalGap)
        let sum = max(1, weights.reduce(0) { $0 + max(0, $1) })
        var widths = weights.map { avail * max(0, $0) / sum }
        var rest = avail - widths.reduce(0, +)
        var i = 0
        while rest > 0 {
            widths[i % widths.count] += 1
            rest -= 1
            i += 1
        }
        var cx = x
        return widths.map { w in
            defer { cx += w + max(0, gap) }
            return Rect(x: min(cx, maxX), y: y, width: min(w, max(0, maxX - cx)), height: height)
        }
    }
}
