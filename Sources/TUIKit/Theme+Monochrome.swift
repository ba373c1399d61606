/// The built-in attribute-only theme: the fallback for NO_COLOR, TERM=dumb/vt100 and colourless
/// terminals, and the source of defaults for roles a user theme omits.
///
/// It names no style of its own: every role, the program's included, falls back to the attributes it was
/// registered with (`StyleRole.monochrome`), so evidence levels stay distinguishable by attribute alone
/// (the app also prints the level label).
extension Theme {
    public static let monochrome = Theme(name: "monochrome", summary: "Attributes only, no colours", styles: [:])

    /// The monochrome attributes of `roles`, written out (what Themes/monochrome.yaml holds).
    public static func monochromeStyles(of roles: StyleRoles) -> [StyleRole: Style] {
        Dictionary(uniqueKeysWithValues: roles.all.map { ($0, $0.monochrome) })
    }
}
