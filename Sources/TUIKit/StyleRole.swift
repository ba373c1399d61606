/// What a piece of text *means* on screen; a `Theme` turns a role into colours and attributes.
///
/// Code never names colours: it names roles, so themes (including monochrome and colour-blind ones)
/// can change the look without touching screens. TUIKit names only the roles any terminal program has
/// (selection, borders, status bar, …); a program adds its own roles as static members and lists them
/// with TUIKit's in a `StyleRoles` registry, which its theme files are read against.
///
/// A role is its name (the key in theme files); it carries the attributes it has when a theme leaves it
/// out (the monochrome look) and its one-letter code in snapshot tests.
public struct StyleRole: Hashable, Sendable, CustomStringConvertible {
    /// The key in theme files, e.g. `statusBar`.
    public let name: String
    /// The code `Canvas.roleDump` prints for cells of this role in snapshot tests.
    public let legendLetter: Character
    /// The attributes in the monochrome theme and in any theme that omits the role.
    public let monochrome: Style

    public init(_ name: String, letter: Character, monochrome: Style) {
        self.name = name
        self.legendLetter = letter
        self.monochrome = monochrome
    }

    public static func == (lhs: StyleRole, rhs: StyleRole) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { name }
}

/// The roles every TUIKit program has.
extension StyleRole {
    public static let normal = StyleRole("normal", letter: ".", monochrome: Style())
    public static let dim = StyleRole("dim", letter: "d", monochrome: Style(dim: true))
    public static let title = StyleRole("title", letter: "T", monochrome: Style(bold: true))
    public static let header = StyleRole("header", letter: "H", monochrome: Style(bold: true, underline: true))
    public static let statusBar = StyleRole("statusBar", letter: "s", monochrome: Style(reverse: true))
    public static let statusKey = StyleRole("statusKey", letter: "k", monochrome: Style(bold: true, reverse: true))
    public static let selection = StyleRole("selection", letter: "S", monochrome: Style(reverse: true))
    public static let selectionInactive = StyleRole(
        "selectionInactive", letter: "i", monochrome: Style(underline: true))
    public static let border = StyleRole("border", letter: "b", monochrome: Style())
    public static let borderFocused = StyleRole("borderFocused", letter: "B", monochrome: Style(bold: true))
    public static let tabActive = StyleRole("tabActive", letter: "A", monochrome: Style(bold: true, reverse: true))
    public static let tabInactive = StyleRole("tabInactive", letter: "a", monochrome: Style())
    public static let warning = StyleRole("warning", letter: "W", monochrome: Style(bold: true))
    public static let error = StyleRole("error", letter: "E", monochrome: Style(bold: true, underline: true))
    public static let success = StyleRole("success", letter: "O", monochrome: Style(bold: true))
    public static let info = StyleRole("info", letter: "I", monochrome: Style())
    public static let modal = StyleRole("modal", letter: "m", monochrome: Style())
    public static let modalTitle = StyleRole("modalTitle", letter: "M", monochrome: Style(bold: true))
    public static let button = StyleRole("button", letter: "u", monochrome: Style())
    public static let buttonFocused = StyleRole("buttonFocused", letter: "U", monochrome: Style(reverse: true))
    public static let input = StyleRole("input", letter: "n", monochrome: Style(underline: true))
    public static let inputPlaceholder = StyleRole("inputPlaceholder", letter: "p", monochrome: Style(dim: true))
    public static let highlight = StyleRole("highlight", letter: "h", monochrome: Style(bold: true, underline: true))
    public static let scrollbar = StyleRole("scrollbar", letter: "|", monochrome: Style(dim: true))
}
