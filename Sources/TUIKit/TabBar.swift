/// A row of tab titles with one active tab; clicking a title selects it.
public struct TabBar: Hashable, Sendable {
    public var titles: [String]
    public private(set) var active: Int

    public init(titles: [String], active: Int = 0) {
        self.titles = titles
        self.active = 0
        select(active)
    }

    public mutating func select(_ i: Int) {
        active = titles.isEmpty ? 0 : min(max(0, i), titles.count - 1)
    }

    /// Next tab, wrapping around.
    public mutating func next() { if !titles.isEmpty { active = (active + 1) % titles.count } }
    /// Previous tab, wrapping around.
    public mutating func previous() { if !titles.isEmpty { active = (active - 1 + titles.count) % titles.count } }

    /// Column ranges (relative to the bar's x) of each tab's label " title ", separated by one column.
    /// Titles are truncated evenly when the bar is too narrow.
    public func ranges(width: Int) -> [Range<Int>] {
        labels(width: width).ranges
    }

    func labels(width: Int) -> (labels: [String], ranges: [Range<Int>]) {
        guard !titles.isEmpty, width > 0 else { return ([], []) }
        let natural = titles.map { TextWidth.displayWidth(of: $0) + 2 }
        let total = natural.reduce(0, +) + titles.count - 1
        var maxTitle = Int.max
        if total > width {
            // The active tab reads in full; the others' longest titles give way first (the largest cap at which
            // every tab fits), so short titles stay whole.
            let others = natural.enumerated().filter { $0.offset != active }.map(\.element)
            var cap = (others.max() ?? 3) - 2
            while cap > 1
                && others.map({ min($0, cap + 2) }).reduce(0, +) + natural[active] + titles.count - 1 > width
            {
                cap -= 1
            }
            maxTitle = cap
        }
        var x = 0
        var labels: [String] = []
        var ranges: [Range<Int>] = []
        for (index, t) in titles.enumerated() {
            let label = " " + (index == active ? t : TextWidth.truncate(t, toWidth: maxTitle)) + " "
            let w = TextWidth.displayWidth(of: label)
            labels.append(label)
            ranges.append(x..<min(width, x + w))
            x += w + 1
        }
        return (labels, ranges)
    }

    /// The tab under column `x` (absolute) of a bar drawn in `rect`, or nil.
    public func hitTest(x: Int, y: Int, in rect: Rect) -> Int? {
        guard rect.contains(x: x, y: y) else { return nil }
        return ranges(width: rect.width).firstIndex { $0.contains(x - rect.x) }
    }

    /// Handles a click on a tab; returns true if the active tab changed.
    @discardableResult
    public mutating func handle(_ key: Key, in rect: Rect) -> Bool {
        guard case .mouse(let m) = key, m.isActivation, let i = hitTest(x: m.x, y: m.y, in: rect) else { return false }
        let changed = i != active
        active = i
        return changed
    }

    /// Draws the bar on the first row of `rect`.
    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        canvas.fill(row, role: .tabInactive)
        let (labels, ranges) = labels(width: rect.width)
        for (i, label) in labels.enumerated() where ranges[i].lowerBound < rect.width {
            canvas.put(
                label, x: rect.x + ranges[i].lowerBound, y: row.y, role: i == active ? .tabActive : .tabInactive,
                maxWidth: rect.width - ranges[i].lowerBound)
            if i + 1 < labels.count, ranges[i].upperBound < rect.width {
                canvas.put(canvas.boxChars.vertical, x: rect.x + ranges[i].upperBound, y: row.y, role: .border)
            }
        }
    }
}
