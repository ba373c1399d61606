/// Selection and scroll state of a vertical list; the screen supplies the rows when rendering.
///
/// The state is a value so screens can keep it in their own state and tests can drive it without a
/// terminal. `viewportRows` is updated by `render` (and can be set directly before the first frame),
/// so page up/down move by what is actually visible.
public struct ListView: Hashable, Sendable {
    public private(set) var count: Int
    /// Selected index; 0 when empty (check `selectedIndex` for nil).
    public private(set) var selection: Int
    /// Index of the first visible row.
    public private(set) var offset: Int
    /// Rows visible in the last rendered rect.
    public var viewportRows: Int {
        didSet {
            viewportRows = max(1, viewportRows)
            clamp()
        }
    }

    public init(count: Int = 0, selection: Int = 0, viewportRows: Int = 10) {
        self.count = max(0, count)
        self.selection = 0
        self.offset = 0
        self.viewportRows = max(1, viewportRows)
        select(selection)
    }

    /// The selected index, or nil for an empty list.
    public var selectedIndex: Int? { count > 0 ? selection : nil }

    /// Visible item indices.
    public var visibleRange: Range<Int> { offset..<min(count, offset + viewportRows) }

    /// Changes the number of items, keeping the selection where possible (clamped).
    public mutating func setCount(_ n: Int) {
        count = max(0, n)
        clamp()
    }

    public mutating func select(_ index: Int) {
        selection = count == 0 ? 0 : min(max(0, index), count - 1)
        ensureSelectionVisible()
    }

    public mutating func moveUp(_ n: Int = 1) { select(selection - n) }
    public mutating func moveDown(_ n: Int = 1) { select(selection + n) }
    public mutating func pageUp() { select(selection - max(1, viewportRows - 1)) }
    public mutating func pageDown() { select(selection + max(1, viewportRows - 1)) }
    public mutating func home() { select(0) }
    public mutating func end() { select(count - 1) }

    /// Scrolls the view (mouse wheel) without moving more than needed; the selection follows into view.
    public mutating func scroll(by lines: Int) {
        let maxOffset = max(0, count - viewportRows)
        offset = min(max(0, offset + lines), maxOffset)
        if selection < offset { selection = offset }
        if selection >= offset + viewportRows { selection = min(count - 1, offset + viewportRows - 1) }
        if count == 0 { selection = 0 }
    }

    /// The item shown at `row` (0 = first visible row), or nil below the last item.
    public func index(atRow row: Int) -> Int? {
        guard row >= 0, row < viewportRows else { return nil }
        let i = offset + row
        return i < count ? i : nil
    }

    /// Handles the common navigation keys (arrows, PgUp/PgDn, Home/End) and mouse clicks and wheel
    /// inside `rect` (the rect the list was rendered in). Returns true if the key was used.
    /// Letter keys (j/k…) belong in the screen's `KeyTable`.
    @discardableResult
    public mutating func handle(_ key: Key, in rect: Rect? = nil) -> Bool {
        switch key {
        case .up: moveUp()
        case .down: moveDown()
        case .pageUp: pageUp()
        case .pageDown: pageDown()
        case .home: home()
        case .end: end()
        case .mouse(let m):
            guard let rect, rect.contains(x: m.x, y: m.y) else { return false }
            switch m.kind {
            case .wheelUp: scroll(by: -3)
            case .wheelDown: scroll(by: 3)
            case .press, .click:
                guard let i = index(atRow: m.y - rect.y) else { return false }
                select(i)
            case .release: return false
            }
        default: return false
        }
        return true
    }

    mutating func ensureSelectionVisible() {
        if selection < offset { offset = selection }
        if selection >= offset + viewportRows { offset = selection - viewportRows + 1 }
        offset = min(max(0, offset), max(0, count - viewportRows))
    }

    mutating func clamp() {
        if count == 0 {
            selection = 0
            offset = 0
            return
        }
        selection = min(max(0, selection), count - 1)
        ensureSelectionVisible()
    }

    /// Draws visible rows into `rect`: `row(index, isSelected)` gives each item's spans. The selected row
    /// is painted with `.selection` (or `.selectionInactive` when the list is not focused). A scrollbar
    /// is drawn in the last column when items overflow and `scrollbar` is true.
    public mutating func render(
        into canvas: inout Canvas, rect: Rect, focused: Bool = true, scrollbar: Bool = true,
        row: (_ index: Int, _ selected: Bool) -> [Span]
    ) {
        guard !rect.isEmpty else { return }
        viewportRows = rect.height
        let showBar = scrollbar && count > rect.height && rect.width > 2
        let textRect = showBar ? rect.inset(right: 1) : rect
        for r in 0..<rect.height {
            let line = textRect.row(r)
            guard let i = index(atRow: r) else {
                canvas.fill(line, role: .normal)
                continue
            }
            let selected = i == selection
            let selRole: StyleRole = focused ? .selection : .selectionInactive
            canvas.fill(line, role: selected ? selRole : .normal)
            var spans = row(i, selected)
            if selected { spans = spans.map { Span($0.text, role: selRole, bold: $0.bold, underline: $0.underline) } }
            canvas.put(spans: spans, x: line.x, y: line.y, maxWidth: line.width)
        }
        if showBar {
            let track = rect.height
            let thumb = max(1, track * rect.height / max(1, count))
            let maxOffset = max(1, count - rect.height)
            let pos = (track - thumb) * offset / maxOffset
            for r in 0..<track {
                let inThumb = r >= pos && r < pos + thumb
                let glyph = canvas.asciiOnly ? (inThumb ? "#" : "|") : (inThumb ? "█" : "│")
                canvas.set(Cell(text: glyph, role: .scrollbar), x: rect.maxX - 1, y: rect.y + r)
            }
        }
    }

    /// Convenience for plain text rows.
    public mutating func render(
        into canvas: inout Canvas, rect: Rect, focused: Bool = true, scrollbar: Bool = true,
        items: [String], role: StyleRole = .normal
    ) {
        render(into: &canvas, rect: rect, focused: focused, scrollbar: scrollbar) { i, _ in
            [Span(i < items.count ? items[i] : "", role: role)]
        }
    }
}
