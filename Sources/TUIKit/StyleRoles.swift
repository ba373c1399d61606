/// The roles a program's theme files may name, in the order a theme error lists them.
///
/// TUIKit's own roles are `StyleRoles.interface`; a program registers its roles by appending them
/// (`StyleRoles.interface + [.levelOne, …]`) and reads its themes against the result, so an unknown key in
/// a theme file is an error that lists what is known.
public struct StyleRoles: Hashable, Sendable {
    /// Every registered role, in registration order.
    public let all: [StyleRole]
    private let byName: [String: StyleRole]

    /// Registers `roles`; a name or a snapshot letter registered twice is a programming error.
    public init(_ roles: [StyleRole]) {
        precondition(Set(roles.map(\.name)).count == roles.count, "a style role is registered twice")
        precondition(Set(roles.map(\.legendLetter)).count == roles.count, "two style roles share a snapshot letter")
        all = roles
        byName = Dictionary(uniqueKeysWithValues: roles.map { ($0.name, $0) })
    }

    /// The role a theme file's key names, if registered.
    public func role(named name: String) -> StyleRole? { byName[name] }

    /// The theme file keys, in registration order.
    public var names: [String] { all.map(\.name) }

    /// These roles followed by `more`.
    public static func + (lhs: StyleRoles, more: [StyleRole]) -> StyleRoles { StyleRoles(lhs.all + more) }

    /// The roles TUIKit's widgets and any screen use.
    public static let interface = StyleRoles([
        .normal, .dim, .title, .header, .statusBar, .statusKey, .selection, .selectionInactive, .border,
        .borderFocused, .tabActive, .tabInactive, .warning, .error, .success, .info, .modal, .modalTitle, .button,
        .buttonFocused, .input, .inputPlaceholder, .highlight, .scrollbar,
    ])
}
