/// A one-line text editor (search box, note title, decision line) with Emacs-style keys.
///
/// The cursor moves by grapheme cluster, so accents and CJK are never split; the visible window
/// scrolls horizontally by display width to keep the cursor in view.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// Cursor position as a grapheme index 0...text.count.
    public private(set) var cursor: Int
    /// First visible display column (horizontal scroll).
    public private(set) var scrollColumn: Int = 0
    public var placeholder: String
    /// Maximum number of graphemes (nil = unlimited).
    public var maxLength: Int?

    public init(text: String = "", placeholder: String = "", maxLength: Int? = nil) {
        self.text = text
        self.cursor = text.count
        self.placeholder = placeholder
        self.maxLength = maxLength
    }

    /// Replaces the text and puts the cursor at the end.
    public mutating func setText(_ s: String) {
        text = TextField.singleLine(s)
        cursor = text.count
    }

    static func singleLine(_ s: String) -> String {
        String(
            s.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter {
                !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false)
            })
    }

    private func index(_ i: Int) -> String.Index { text.index(text.startIndex, offsetBy: i) }

    /// Inserts text at the cursor (newlines become spaces; respects `maxLength`).
    public mutating func insert(_ s: String) {
        var s = TextField.singleLine(s)
        if let maxLength { s = String(s.prefix(max(0, maxLength - text.count))) }
        guard !s.isEmpty else { return }
        let before = text.count
        text.insert(contentsOf: s, at: index(cursor))
        // A combining mark may merge with the previous grapheme, so advance by the actual growth.
        cursor = min(text.count, cursor + max(0, text.count - before))
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: index(cursor - 1))
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: index(cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = text.count }

    /// Ctrl-K: delete from the cursor to the end.
    public mutating func killToEnd() { text = String(text.prefix(cursor)) }
    /// Ctrl-U: delete from the start to the cursor.
    public mutating func killToStart() {
        text = String(text.dropFirst(cursor))
        cursor = 0
    }
    /// Ctrl-W: delete the word before the cursor.
    public mutating func deleteWordBackward() {
        var i = cursor
        let chars = Array(text)
        while i > 0, chars[i - 1] == " " { i -= 1 }
        while i > 0, chars[i - 1] != " " { i -= 1 }
        text = String(chars[..<i]) + String(chars[cursor...])
        cursor = i
    }

    /// Handles editing keys; returns true if the key was used (Enter/Esc/Tab are left to the screen).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key.normalized {
        case .char(let c): insert(String(c))
        case .paste(let s): insert(s)
        case .backspace, .ctrl("h"): backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveHome()
        case .end, .ctrl("e"): moveEnd()
        case .ctrl("k"): killToEnd()
        case .ctrl("u"): killToStart()
        case .ctrl("w"): deleteWordBackward()
        default: return false
        }
        return true
    }

    /// Display column of the cursor from the start of the text.
    public var cursorColumn: Int { TextWidth.displayWidth(of: String(text.prefix(cursor))) }

    /// Adjusts `scrollColumn` so the cursor is visible in a field `width` columns wide.
    public mutating func scrollToCursor(width: Int) {
        let w = max(1, width)
        let col = cursorColumn
        if col < scrollColumn { scrollColumn = col }
        if col >= scrollColumn + w { scrollColumn = col - w + 1 }
        // Do not leave empty space on the right when text was deleted.
        let total = TextWidth.displayWidth(of: text)
        scrollColumn = max(0, min(scrollColumn, max(0, total - w + 1)))
        if col < scrollColumn { scrollColumn = col }
    }

    /// The visible slice for a field `width` columns wide, starting at `scrollColumn`. A wide glyph cut
    /// by the left edge is shown as a space.
    public func visibleText(width: Int) -> String {
        var col = 0
        var out = ""
        var used = 0
        for ch in text {
            let w = TextWidth.width(of: ch)
            defer { col += w }
            if col + w <= scrollColumn { continue }
            if col < scrollColumn {
                out += " "
                used += 1
                continue
            }
            if used + w > width { break }
            out.append(ch)
            used += w
        }
        return out
    }

    /// Draws the field on the first row of `rect`; when focused, sets `canvas.cursor`.
    public mutating func render(into canvas: inout Canvas, rect: Rect, focused: Bool = true) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        scrollToCursor(width: row.width)
        canvas.fill(row, role: .input)
        if text.isEmpty, !placeholder.isEmpty {
            canvas.put(placeholder, x: row.x, y: row.y, role: .inputPlaceholder, maxWidth: row.width)
        } else {
            canvas.put(visibleText(width: row.width), x: row.x, y: row.y, role: .input, maxWidth: row.width)
        }
        if focused {
            canvas.cursor = Point(x: row.x + min(row.width - 1, cursorColumn - scrollColumn), y: row.y)
        }
    }
}
