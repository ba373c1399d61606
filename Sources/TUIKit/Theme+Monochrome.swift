/// The built-in attribute-only theme: the fallback for NO_COLOR, TERM=dumb/vt100 and colourless
/// terminals, and the source of defaults for roles a user theme omits.
///
/// Evidence levels stay distinguishable by attribute alone (the app also prints the level label).
extension Theme {
    public static let monochrome = Theme(
        name: "monochrome", summary: "Attributes only, no colours", styles: monochromeStyles)

    static let monochromeStyles: [StyleRole: Style] = [
        .normal: Style(),
        .dim: Style(dim: true),
        .title: Style(bold: true),
        .header: Style(bold: true, underline: true),
        .statusBar: Style(reverse: true),
        .statusKey: Style(bold: true, reverse: true),
        .selection: Style(reverse: true),
        .selectionInactive: Style(underline: true),
        .border: Style(),
        .borderFocused: Style(bold: true),
        .tabActive: Style(bold: true, reverse: true),
        .tabInactive: Style(),
        .warning: Style(bold: true),
        .error: Style(bold: true, underline: true),
        .success: Style(bold: true),
        .info: Style(),
        .levelOne: Style(bold: true, reverse: true),
        .levelTwo: Style(bold: true, underline: true),
        .levelThree: Style(bold: true),
        .levelFour: Style(underline: true),
        .levelResistance: Style(underline: true, reverse: true),
        .levelOther: Style(dim: true),
        .met: Style(bold: true),
        .notMet: Style(bold: true, underline: true),
        .unknown: Style(dim: true),
        .privacy: Style(dim: true),
        .modal: Style(),
        .modalTitle: Style(bold: true),
        .button: Style(),
        .buttonFocused: Style(reverse: true),
        .input: Style(underline: true),
        .inputPlaceholder: Style(dim: true),
        .highlight: Style(bold: true, underline: true),
        .timerOver: Style(bold: true, reverse: true),
        .scrollbar: Style(dim: true),
    ]
}
