/// A column layout for tabular lists (agenda, findings, trials) with a header and a selectable row.
///
/// Column widths are computed from min/max/flex so the same table works at 80 and 200 columns;
/// text that does not fit is truncated with "…".
public struct Table: Sendable {
    public struct Column: Hashable, Sendable {
        public var title: String
        public var minWidth: Int
        public var maxWidth: Int?
        /// Share of the remaining space (0 = stay at minWidth).
        public var flex: Int
        public var alignment: Alignment

        public init(
            _ title: String, minWidth: Int? = nil, maxWidth: Int? = nil, flex: Int = 0, alignment: Alignment = .left
        ) {
            self.title = title
            self.minWidth = max(0, minWidth ?? TextWidth.displayWidth(of: title))
            self.maxWidth = maxWidth
            self.flex = max(0, flex)
            self.alignment = alignment
        }
    }

    /// One cell: text and an optional role (nil = the row's role).
    public struct Cell: Hashable, Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var role: StyleRole?
        public var bold: Bool
        public init(_ text: String, role: StyleRole? = nil, bold: Bool = false) {
            self.text = text
            self.role = role
            self.bold = bold
        }
        public init(stringLiteral value: String) { self.init(value) }
    }

    public var columns: [Column]
    public var rows: [[Cell]] { didSet { list.setCount(rows.count) } }
    /// For long tables (a whole exome): cells made on demand for the rows on screen only; `rows` stays empty.
    public private(set) var provider: (@Sendable (Int) -> [Cell])?
    public var showHeader: Bool
    /// Columns between cells.
    public var spacing: Int
    /// Selection and scrolling.
    public var list: ListView

    public init(columns: [Column], rows: [[Cell]] = [], showHeader: Bool = true, spacing: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.showHeader = showHeader
        self.spacing = max(0, spacing)
        self.list = ListView(count: rows.count)
    }

    public var selectedRow: Int? { list.selectedIndex }

    /// Shows `count` rows whose cells `cells` makes when they are drawn.
    public mutating func setRows(count: Int, cells: @escaping @Sendable (Int) -> [Cell]) {
        if !rows.isEmpty { rows = [] }  // (its didSet would reset the selection to an empty list)
        provider = cells
        list.setCount(count)
    }

    /// Widths for `totalWidth` columns: minimums first (left to right, later columns shrink to 0 when
    /// space runs out), then the rest shared by flex weight up to each column's maximum.
    public func columnWidths(totalWidth: Int) -> [Int] {
        guard !columns.isEmpty else { return [] }
        let avail = max(0, totalWidth - spacing * (columns.count - 1))
        var widths = [Int](repeating: 0, count: columns.count)
        var left = avail
        for (i, c) in columns.enumerated() {
            let w = min(left, c.maxWidth.map { min($0, c.minWidth) } ?? c.minWidth)
            widths[i] = w
            left -= w
        }
        while left > 0 {
            let growable = columns.indices.filter {
                columns[$0].flex > 0 && widths[$0] < (columns[$0].maxWidth ?? Int.max)
            }
            guard !growable.isEmpty else { break }
            let weight = growable.reduce(0) { $0 + columns[$1].flex }
            var given = 0
            for i in growable {
                let share = max(1, left * columns[i].flex / weight)
                let cap = (columns[i].maxWidth ?? Int.max) - widths[i]
                let g = min(share, cap, left - given)
                widths[i] += g
                given += g
                if given >= left { break }
            }
            if given == 0 { break }
            left -= given
        }
        return widths
    }

    /// Handles navigation keys and clicks on rows inside `rect` (the rect the table was rendered in).
    @discardableResult
    public mutating func handle(_ key: Key, in rect: Rect? = nil) -> Bool {
        guard let rect, showHeader else { return list.handle(key, in: rect) }
        return list.handle(key, in: rect.inset(top: 1))
    }

    /// The row index under a screen position, for mouse handling in screens.
    public func rowIndex(x: Int, y: Int, in rect: Rect) -> Int? {
        let body = showHeader ? rect.inset(top: 1) : rect
        guard body.contains(x: x, y: y) else { return nil }
        return list.index(atRow: y - body.y)
    }

    /// Draws header and visible rows into `rect`.
    public mutating func render(into canvas: inout Canvas, rect: Rect, focused: Bool = true) {
        guard !rect.isEmpty else { return }
        let widths = columnWidths(totalWidth: rect.width)
        var body = rect
        let ell = canvas.ellipsis
        if showHeader {
            let header = rect.row(0)
            canvas.fill(header, role: .header)
            var x = header.x
            for (i, c) in columns.enumerated() where widths[i] > 0 {
                canvas.put(
                    TextWidth.fit(c.title, width: widths[i], alignment: c.alignment, ellipsis: ell), x: x, y: header.y,
                    role: .header, maxWidth: widths[i])
                x += widths[i] + spacing
            }
            body = rect.inset(top: 1)
        }
        let cols = columns
        let spacing = self.spacing
        let rows = self.rows
        let provider = self.provider
        list.render(into: &canvas, rect: body, focused: focused, scrollbar: false) { index, selected in
            var spans: [Span] = []
            let row = provider?(index) ?? rows[index]
            for (i, c) in cols.enumerated() where widths[i] > 0 {
                let cell = i < row.count ? row[i] : Cell("")
                spans.append(
                    Span(
                        TextWidth.fit(cell.text, width: widths[i], alignment: c.alignment, ellipsis: ell),
                        role: cell.role ?? .normal, bold: cell.bold))
                if i + 1 < cols.count, spacing > 0 { spans.append(Span(String(repeating: " ", count: spacing))) }
            }
            return spans
        }
    }
}
