/// Scrollable read-only text (case summaries, help, minutes preview), wrapped to the rect's width.
///
/// Lines keep their role through wrapping; scrolling is by wrapped line.
public struct TextView: Hashable, Sendable {
    public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var role: StyleRole
        /// Columns that wrapped continuation lines are indented by, so they stay under a label's value
        /// ("Stage        cT3 N2 …" continues under "cT3").
        public var hangingIndent: Int
        public init(_ text: String, role: StyleRole = .normal, hangingIndent: Int = 0) {
            self.text = text
            self.role = role
            self.hangingIndent = max(0, hangingIndent)
        }
        public init(stringLiteral value: String) { self.init(value) }
    }

    public var lines: [Line] { didSet { wrapCache = nil } }
    /// False for text already laid out to the width (the help's aligned columns): lines are shown as they are,
    /// cut at the edge, never re-wrapped.
    public var wraps = true { didSet { wrapCache = nil } }
    /// First visible wrapped line.
    public private(set) var offset: Int = 0
    /// Set by `render`; page keys scroll by this much.
    public private(set) var viewportRows: Int = 10
    private var wrapCache: (width: Int, lines: [Line])?

    public init(lines: [Line] = [], wraps: Bool = true) {
        self.lines = lines
        self.wraps = wraps
    }

    /// Plain text split on newlines, one role.
    public init(text: String, role: StyleRole = .normal) {
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(String($0), role: role) }
    }

    public static func == (a: TextView, b: TextView) -> Bool {
        a.lines == b.lines && a.wraps == b.wraps && a.offset == b.offset && a.viewportRows == b.viewportRows
    }
    public func hash(into h: inout Hasher) {
        h.combine(lines)
        h.combine(wraps)
        h.combine(offset)
        h.combine(viewportRows)
    }

    /// Lines after wrapping to `width`.
    public func wrapped(width: Int) -> [Line] {
        if let c = wrapCache, c.width == width { return c.lines }
        guard wraps else { return lines }
        return lines.flatMap { l in
            TextWrap.wrap(l.text, width: width, hangingIndent: l.hangingIndent).map { Line($0, role: l.role) }
        }
    }

    public mutating func scroll(by n: Int, width: Int? = nil) {
        let total = width.map { wrapped(width: $0).count } ?? wrapCache?.lines.count ?? lines.count
        offset = min(max(0, offset + n), max(0, total - viewportRows))
    }

    public mutating func scrollToTop() { offset = 0 }
    public mutating func scrollToBottom() { scroll(by: Int.max / 2) }

    /// Arrow keys, PgUp/PgDn, Home/End and the wheel inside `rect`.
    @discardableResult
    public mutating func handle(_ key: Key, in rect: Rect? = nil) -> Bool {
        switch key {
        case .up: scroll(by: -1)
        case .down: scroll(by: 1)
        case .pageUp: scroll(by: -max(1, viewportRows - 1))
        case .pageDown, .char(" "): scroll(by: max(1, viewportRows - 1))
        case .home: scrollToTop()
        case .end: scrollToBottom()
        case .mouse(let m):
            guard let rect, rect.contains(x: m.x, y: m.y) else { return false }
            switch m.kind {
            case .wheelUp: scroll(by: -3)
            case .wheelDown: scroll(by: 3)
            default: return false
            }
        default: return false
        }
        return true
    }

    /// True when more text lies below the visible part.
    public var canScrollDown: Bool { offset + viewportRows < (wrapCache?.lines.count ?? 0) }

    public mutating func render(into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        let w = wrapped(width: rect.width)
        wrapCache = (rect.width, w)
        viewportRows = rect.height
        offset = min(offset, max(0, w.count - rect.height))
        for r in 0..<rect.height {
            let row = rect.row(r)
            canvas.fill(row, role: .normal)
            let i = offset + r
            guard i < w.count else { continue }
            canvas.put(w[i].text, x: row.x, y: row.y, role: w[i].role, maxWidth: row.width)
        }
    }
}
