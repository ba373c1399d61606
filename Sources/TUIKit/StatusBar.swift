/// The bottom line: context text on the left, key hints (from a `KeyTable`) on the right.
///
/// Hints that do not fit are dropped from the end, so put the most important bindings first.
public struct StatusBar: Hashable, Sendable {
    public var left: String
    public var right: String
    public var hints: [Hint]

    public struct Hint: Hashable, Sendable {
        public var keys: String
        public var label: String
        public init(keys: String, label: String) {
            self.keys = keys
            self.label = label
        }
    }

    public init(left: String = "", right: String = "", hints: [(keys: String, label: String)] = []) {
        self.left = left
        self.right = right
        self.hints = hints.map { Hint(keys: $0.keys, label: $0.label) }
    }

    /// Draws on the first row of `rect`: left text, then hints `keys label` after it, right text at the end.
    public func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        canvas.fill(row, role: .statusBar)
        let rightWidth = right.isEmpty ? 0 : min(TextWidth.displayWidth(of: right), row.width)
        let avail = row.width - rightWidth - (rightWidth > 0 ? 1 : 0)
        var x = 0
        if !left.isEmpty, avail > 0 {
            x += canvas.put(
                TextWidth.truncate(left, toWidth: avail, ellipsis: canvas.ellipsis), x: row.x, y: row.y,
                role: .statusBar, maxWidth: avail)
            x += 2
        }
        for h in hints {
            let need = TextWidth.displayWidth(of: h.keys) + 1 + TextWidth.displayWidth(of: h.label)
            guard x + need <= avail else { break }
            x += canvas.put(h.keys, x: row.x + x, y: row.y, role: .statusKey)
            x += 1
            x += canvas.put(h.label, x: row.x + x, y: row.y, role: .statusBar)
            x += 2
        }
        if rightWidth > 0 {
            canvas.put(
                TextWidth.truncate(right, toWidth: rightWidth, ellipsis: canvas.ellipsis), x: row.maxX - rightWidth,
                y: row.y, role: .statusBar)
        }
    }
}
