/// A multi-line editor for notes and rationales: word-wrapped by display width, UTF-8 and CJK safe
/// (the cursor moves by grapheme cluster), arrows move by screen row, Home/End and Ctrl-A/Ctrl-E by
/// line, Alt-b/Alt-f or Ctrl-←/→ by word, and bracketed paste inserts multi-line text in one step.
public struct TextArea: Hashable, Sendable {
    /// Logical lines (split at newlines), each as graphemes.
    public private(set) var lines: [[Character]]
    /// Cursor: logical line and grapheme offset within it.
    public private(set) var line = 0
    public private(set) var column = 0
    /// First visible screen row.
    public private(set) var scrollRow = 0
    /// Width the last layout used; vertical moves use it.
    public private(set) var wrapWidth = 40
    /// Display column the cursor wants to keep when moving up and down.
    private var goalColumn: Int?

    public init(text: String = "") {
        lines = []
        setText(text)
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// Replaces the text; the cursor goes to the end.
    public mutating func setText(_ text: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        line = lines.count - 1
        column = lines[line].count
        goalColumn = nil
    }

    // MARK: Editing

    public mutating func insert(_ string: String) {
        goalColumn = nil
        let normalized = string.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for ch in normalized {
            if ch == "\n" {
                let rest = Array(lines[line][column...])
                lines[line].removeSubrange(column...)
                lines.insert(rest, at: line + 1)
                line += 1
                column = 0
            } else if ch == "\t" {
                lines[line].insert(contentsOf: Array("    "), at: column)
                column += 4
            } else if let ascii = ch.asciiValue, ascii < 0x20 || ascii == 0x7F {
                continue
            } else {
                // A combining mark joins the previous grapheme: rebuild the line to let Swift regroup.
                var text = String(lines[line][..<column])
                let before = text.count
                text.append(ch)
                let grew = text.count - before
                lines[line] = Array(text) + Array(lines[line][column...])
                column += grew
            }
        }
    }

    public mutating func newline() { insert("\n") }

    public mutating func backspace() {
        goalColumn = nil
        if column > 0 {
            lines[line].remove(at: column - 1)
            column -= 1
        } else if line > 0 {
            column = lines[line - 1].count
            lines[line - 1] += lines[line]
            lines.remove(at: line)
            line -= 1
        }
    }

    public mutating func deleteForward() {
        goalColumn = nil
        if column < lines[line].count {
            lines[line].remove(at: column)
        } else if line + 1 < lines.count {
            lines[line] += lines[line + 1]
            lines.remove(at: line + 1)
        }
    }

    public mutating func killToEnd() {
        if column == lines[line].count { deleteForward() } else { lines[line].removeSubrange(column...) }
    }

    public mutating func killToStart() {
        lines[line].removeSubrange(..<column)
        column = 0
    }

    // MARK: Movement

    public mutating func moveLeft() {
        goalColumn = nil
        if column > 0 {
            column -= 1
        } else if line > 0 {
            line -= 1
            column = lines[line].count
        }
    }

    public mutating func moveRight() {
        goalColumn = nil
        if column < lines[line].count {
            column += 1
        } else if line + 1 < lines.count {
            line += 1
            column = 0
        }
    }

    public mutating func moveLineStart() {
        column = 0
        goalColumn = nil
    }
    public mutating func moveLineEnd() {
        column = lines[line].count
        goalColumn = nil
    }
    public mutating func moveDocumentStart() {
        line = 0
        column = 0
        goalColumn = nil
    }
    public mutating func moveDocumentEnd() {
        line = lines.count - 1
        column = lines[line].count
        goalColumn = nil
    }

    public mutating func moveWordLeft() {
        goalColumn = nil
        if column == 0 {
            moveLeft()
            return
        }
        let chars = lines[line]
        var i = column
        while i > 0 && !chars[i - 1].isLetter && !chars[i - 1].isNumber { i -= 1 }
        while i > 0 && (chars[i - 1].isLetter || chars[i - 1].isNumber) { i -= 1 }
        column = i
    }

    public mutating func moveWordRight() {
        goalColumn = nil
        let chars = lines[line]
        if column == chars.count {
            moveRight()
            return
        }
        var i = column
        while i < chars.count && !chars[i].isLetter && !chars[i].isNumber { i += 1 }
        while i < chars.count && (chars[i].isLetter || chars[i].isNumber) { i += 1 }
        column = i
    }

    /// Moves by screen rows (wrapped), keeping the display column.
    public mutating func moveVertically(by delta: Int) {
        let rows = layout(width: wrapWidth)
        guard let current = rows.firstIndex(where: { $0.contains(line: line, column: column) }) else { return }
        let goal = goalColumn ?? TextWidth.displayWidth(of: String(lines[line][rows[current].start..<column]))
        let target = min(max(0, current + delta), rows.count - 1)
        let row = rows[target]
        var offset = row.start
        var used = 0
        while offset < row.end {
            let w = TextWidth.width(of: lines[row.line][offset])
            if used + w > goal { break }
            used += w
            offset += 1
        }
        line = row.line
        column = offset
        goalColumn = goal
    }

    // MARK: Keys

    /// Handles editing keys; returns false for keys the screen should handle (Esc, Ctrl-S, Tab…).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key.normalized {
        case .char(let c): insert(String(c))
        case .paste(let s): insert(s)
        case .enter: newline()
        case .backspace, .ctrl("h"): backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .up, .ctrl("p"): moveVertically(by: -1)
        case .down, .ctrl("n"): moveVertically(by: 1)
        case .pageUp: moveVertically(by: -10)
        case .pageDown: moveVertically(by: 10)
        case .home, .ctrl("a"): moveLineStart()
        case .end, .ctrl("e"): moveLineEnd()
        case .alt("b"), .alt("B"): moveWordLeft()
        case .alt("f"), .alt("F"): moveWordRight()
        case .alt("<"): moveDocumentStart()
        case .alt(">"): moveDocumentEnd()
        case .ctrl("k"): killToEnd()
        case .ctrl("u"): killToStart()
        default: return false
        }
        return true
    }

    // MARK: Layout

    /// One screen row: a slice of a logical line.
    public struct Row: Hashable, Sendable {
        public var line: Int
        public var start: Int
        public var end: Int
        /// The cursor sits on this row (the last row of a line also owns the end position).
        func contains(line l: Int, column c: Int) -> Bool {
            l == line && c >= start && (c < end || isLast)
        }
        var isLast: Bool
    }

    /// Word-wrapped rows for a width: break after a space when possible, else hard-break.
    public func layout(width: Int) -> [Row] {
        let w = max(1, width)
        var rows: [Row] = []
        for (index, chars) in lines.enumerated() {
            var start = 0
            if chars.isEmpty {
                rows.append(Row(line: index, start: 0, end: 0, isLast: true))
                continue
            }
            while start < chars.count {
                var used = 0
                var i = start
                var lastBreak: Int?
                while i < chars.count {
                    let cw = TextWidth.width(of: chars[i])
                    if used + cw > w { break }
                    used += cw
                    if chars[i] == " " { lastBreak = i + 1 }
                    i += 1
                }
                if i < chars.count, let brk = lastBreak, brk > start { i = brk }
                if i == start { i = start + 1 }  // a glyph wider than the row
                rows.append(Row(line: index, start: start, end: i, isLast: i >= chars.count))
                start = i
            }
            // A line that ends exactly at the edge keeps its cursor on the last row.
        }
        return rows
    }

    /// Screen position of the cursor in a layout.
    public func cursorPosition(in rows: [Row]) -> (row: Int, column: Int) {
        let index = rows.firstIndex { $0.contains(line: line, column: column) } ?? max(0, rows.count - 1)
        let row = rows[index]
        return (index, TextWidth.displayWidth(of: String(lines[line][row.start..<min(column, lines[line].count)])))
    }

    /// Draws the text in `rect`, scrolled to keep the cursor visible; sets `canvas.cursor` when focused.
    public mutating func render(into canvas: inout Canvas, rect: Rect, role: StyleRole = .input, focused: Bool = true) {
        guard !rect.isEmpty else { return }
        wrapWidth = max(1, rect.width - 1)
        let rows = layout(width: wrapWidth)
        let cursor = cursorPosition(in: rows)
        if cursor.row < scrollRow { scrollRow = cursor.row }
        if cursor.row >= scrollRow + rect.height { scrollRow = cursor.row - rect.height + 1 }
        scrollRow = max(0, min(scrollRow, max(0, rows.count - 1)))
        canvas.fill(rect, role: role)
        for r in 0..<rect.height {
            let index = scrollRow + r
            guard index < rows.count else { break }
            let row = rows[index]
            canvas.put(
                String(lines[row.line][row.start..<row.end]), x: rect.x, y: rect.y + r, role: role, maxWidth: rect.width
            )
        }
        if focused {
            canvas.cursor = Point(x: rect.x + min(rect.width - 1, cursor.column), y: rect.y + cursor.row - scrollRow)
        }
    }
}
