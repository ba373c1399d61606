/// How one role looks: optional colours plus attributes. Attributes alone must carry meaning in
/// monochrome themes, so never rely on colour only for something the board needs to see.
public struct Style: Hashable, Sendable {
    public var fg: Color?
    public var bg: Color?
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool
    public var italic: Bool

    public init(
        fg: Color? = nil, bg: Color? = nil, bold: Bool = false, underline: Bool = false,
        reverse: Bool = false, dim: Bool = false, italic: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
        self.italic = italic
    }

    public static let plain = Style()

    /// The same attributes without colours (used when the terminal has none or NO_COLOR is set).
    public var withoutColors: Style {
        Style(bold: bold, underline: underline, reverse: reverse, dim: dim, italic: italic)
    }

    /// Attribute keys a theme file may use besides fg/bg.
    public static let attributeKeys = ["bold", "underline", "reverse", "dim", "italic"]
}
