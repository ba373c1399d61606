/// One terminal cell: a single grapheme (or "" for the right half of a wide glyph) and its role.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster; "" marks the right half of a two-column glyph to its left.
    public var text: String
    public var role: StyleRole
    /// Extra attributes on top of the role's style (e.g. a bold word in normal text).
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        text: String = " ", role: StyleRole = .normal, bold: Bool = false, underline: Bool = false,
        reverse: Bool = false
    ) {
        self.text = text
        self.role = role
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    public static let blank = Cell()

    /// True for the placeholder cell covered by a wide glyph on its left.
    public var isContinuation: Bool { text.isEmpty }
}

/// A column/row position on the canvas (used for the text cursor).
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A piece of text with one role, for lines that mix roles ("Level: " normal + "1" levelOne).
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool

    public init(_ text: String, role: StyleRole = .normal, bold: Bool = false, underline: Bool = false) {
        self.text = text
        self.role = role
        self.bold = bold
        self.underline = underline
    }

    public init(stringLiteral value: String) { self.init(value) }
}
