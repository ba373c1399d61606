import Foundation

/// An off-screen grid of cells that screens draw into; terminals only ever receive whole canvases.
///
/// Keeping drawing pure makes every screen testable as text (`textDump`) and role masks (`roleDump`),
/// and lets the backend diff frames. Coordinates outside the canvas are clipped silently; wide glyphs
/// are never split (a space is drawn instead of half a glyph).
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Draw boxes with `+-|` instead of U+2500 line characters (for non-UTF-8 locales such as LANG=C).
    public var asciiOnly: Bool
    /// Where the terminal should show its text cursor (set by a focused `TextField`); nil hides it.
    public var cursor: Point?
    /// Text never drawn as written: each key is replaced by its value wherever a string is put. The app's privacy
    /// mode sets it so an identifying id cannot reach the screen through a title, a decision id or a note's
    /// subject that a screen built without asking (a safety net under the screens' own masking).
    public var redactions: [String: String] = [:]

    public init(width: Int, height: Int, role: StyleRole = .normal, asciiOnly: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.asciiOnly = asciiOnly
        self.cells = Array(repeating: Cell(text: " ", role: role), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(width: width, height: height) }

    /// The ellipsis this canvas uses when truncating ("…" or "~" when ASCII only).
    public var ellipsis: String { asciiOnly ? "~" : "…" }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
    }

    /// Replaces one cell, keeping wide glyphs whole: overwriting either half of a wide glyph blanks the other half.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0, !cell.isContinuation {
            cells[i - 1].text = " "
        }
        if !old.isContinuation, x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1].text = " "
        }
        cells[i] = cell
    }

    /// Draws `string` from (x, y) on one line and returns the columns used.
    ///
    /// Stops at `maxWidth` columns (and at the canvas edge); a wide glyph that would not fit entirely is
    /// replaced by a space. Tabs and newlines become spaces; other control characters are dropped;
    /// a stray zero-width grapheme attaches to the previous cell.
    @discardableResult
    public mutating func put(
        _ string: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false
    ) -> Int {
        guard y >= 0, y < height else { return 0 }
        let string = redacted(string)
        let limit = maxWidth.map { x + max(0, $0) } ?? Int.max
        let right = min(width, limit)
        var col = x
        var lastX: Int?
        for ch in string {
            guard col < right else { break }
            var text = String(ch)
            var w = TextWidth.width(of: ch)
            if ch == "\t" || ch == "\n" || ch == "\r\n" || ch == "\r" {
                text = " "
                w = 1
            } else if w == 0 {
                if let lx = lastX, ch.unicodeScalars.first.map({ $0.value >= 0x20 }) ?? false {
                    var c = self[lx, y]
                    c.text += text
                    cells[y * width + lx] = c
                }
                continue
            }
            if asciiOnly, !ch.isASCII {
                text = "?"
                w = 1
            }
            if col < 0 {
                // Clipped on the left; a wide glyph straddling column 0 leaves a space.
                if col + w > 0 {
                    set(Cell(text: " ", role: role, bold: bold, underline: underline, reverse: reverse), x: 0, y: y)
                }
                col += w
                continue
            }
            if col + w > right {
                set(Cell(text: " ", role: role, bold: bold, underline: underline, reverse: reverse), x: col, y: y)
                col += 1
                break
            }
            set(Cell(text: text, role: role, bold: bold, underline: underline, reverse: reverse), x: col, y: y)
            if w == 2 {
                let i = y * width + col + 1
                if col + 2 < width, cells[i + 1].isContinuation { cells[i + 1].text = " " }
                cells[i] = Cell(text: "", role: role, bold: bold, underline: underline, reverse: reverse)
            }
            lastX = col
            col += w
        }
        return max(0, min(col, right) - max(x, 0))
    }

    /// `string` with every redaction applied (unchanged, and not copied, when there are none).
    public func redacted(_ string: String) -> String {
        guard !redactions.isEmpty else { return string }
        var out = string
        // Longest first, so an id that contains another id is replaced whole.
        for text in redactions.keys.sorted(by: { $0.count > $1.count }) where out.contains(text) {
            out = out.replacingOccurrences(of: text, with: redactions[text] ?? "")
        }
        return out
    }

    /// Draws spans one after another; returns the columns used.
    @discardableResult
    public mutating func put(spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        for span in spans {
            let remaining = maxWidth.map { $0 - used }
            if let r = remaining, r <= 0 { break }
            used += put(
                span.text, x: x + used, y: y, role: span.role, maxWidth: remaining, bold: span.bold,
                underline: span.underline)
        }
        return used
    }

    /// Draws `string` truncated with an ellipsis and padded to exactly `width` columns.
    @discardableResult
    public mutating func put(
        _ string: String, in rect: Rect, row: Int = 0, role: StyleRole = .normal,
        alignment: Alignment = .left, fillRow: Bool = true
    ) -> Int {
        guard row >= 0, row < rect.height, rect.width > 0 else { return 0 }
        // Redacted before fitting, so an id cut short by the ellipsis is still recognised whole.
        let string = redacted(string)
        let fitted =
            fillRow
            ? TextWidth.fit(string, width: rect.width, alignment: alignment, ellipsis: ellipsis)
            : TextWidth.truncate(string, toWidth: rect.width, ellipsis: ellipsis)
        return put(fitted, x: rect.x, y: rect.y + row, role: role, maxWidth: rect.width)
    }

    /// Fills a rect with spaces (or `character`) of one role.
    public mutating func fill(_ rect: Rect, role: StyleRole = .normal, character: Character = " ") {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let ch = TextWidth.width(of: character) == 1 ? String(character) : " "
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { set(Cell(text: ch, role: role), x: x, y: y) }
        }
    }

    /// Changes the role of cells in a rect, keeping their text (selection bars, highlights).
    public mutating func setRole(_ role: StyleRole, in rect: Rect) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].role = role }
        }
    }

    /// Box-drawing characters used by `box`, `hLine` and `vLine`.
    public struct BoxChars: Sendable {
        public let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
        public static let unicode = BoxChars(
            horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
        public static let ascii = BoxChars(
            horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
    }

    public var boxChars: BoxChars { asciiOnly ? .ascii : .unicode }

    /// Draws a border around `rect` (U+2500 lines, or ASCII when `asciiOnly`) with an optional title
    /// on the top edge. The inside is left untouched; use `rect.inset(by: 1)` for the content.
    public mutating func box(
        _ rect: Rect, role: StyleRole = .border, title: String? = nil, titleRole: StyleRole = .title
    ) {
        guard rect.width > 0, rect.height > 0 else { return }
        let b = boxChars
        if rect.width == 1 || rect.height == 1 {
            // Degenerate: a line.
            if rect.height == 1 {
                hLine(x: rect.x, y: rect.y, length: rect.width, role: role)
            } else {
                vLine(x: rect.x, y: rect.y, length: rect.height, role: role)
            }
            return
        }
        hLine(x: rect.x + 1, y: rect.y, length: rect.width - 2, role: role)
        hLine(x: rect.x + 1, y: rect.maxY - 1, length: rect.width - 2, role: role)
        vLine(x: rect.x, y: rect.y + 1, length: rect.height - 2, role: role)
        vLine(x: rect.maxX - 1, y: rect.y + 1, length: rect.height - 2, role: role)
        set(Cell(text: b.topLeft, role: role), x: rect.x, y: rect.y)
        set(Cell(text: b.topRight, role: role), x: rect.maxX - 1, y: rect.y)
        set(Cell(text: b.bottomLeft, role: role), x: rect.x, y: rect.maxY - 1)
        set(Cell(text: b.bottomRight, role: role), x: rect.maxX - 1, y: rect.maxY - 1)
        if let title, !title.isEmpty, rect.width > 6 {
            let t = TextWidth.truncate(title, toWidth: rect.width - 6, ellipsis: ellipsis)
            put(" " + t + " ", x: rect.x + 2, y: rect.y, role: titleRole, maxWidth: rect.width - 4)
        }
    }

    public mutating func hLine(x: Int, y: Int, length: Int, role: StyleRole = .border) {
        guard length > 0 else { return }
        for i in 0..<length { set(Cell(text: boxChars.horizontal, role: role), x: x + i, y: y) }
    }

    public mutating func vLine(x: Int, y: Int, length: Int, role: StyleRole = .border) {
        guard length > 0 else { return }
        for i in 0..<length { set(Cell(text: boxChars.vertical, role: role), x: x, y: y + i) }
    }

    /// The text of one row (continuation cells omitted, trailing spaces kept).
    public func rowText(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width { s += cells[y * width + x].text }
        return s
    }

    /// The whole canvas as text, one line per row, trailing spaces trimmed — for snapshot tests.
    public func textDump() -> String {
        (0..<height).map { y in
            var line = rowText(y)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// One letter per column giving each cell's role, for tests where colour carries meaning.
    /// A wide glyph's right half repeats its role letter so the mask lines up with columns.
    public func roleDump(legend: [StyleRole: Character] = [:]) -> String {
        (0..<height).map { y in
            String(
                (0..<width).map { x -> Character in
                    let role = cells[y * width + x].role
                    return legend[role] ?? role.legendLetter
                })
        }.joined(separator: "\n")
    }
}
