import TUIKit

/// The board's own style roles: evidence levels, criterion verdicts, the privacy mask and the meeting timer.
/// TUIKit knows nothing of tumour boards; the app registers these beside TUIKit's roles
/// (`StyleRoles.board`), and the theme files in Themes/ name them as keys.
extension StyleRole {
    public static let levelOne = StyleRole("levelOne", letter: "1", monochrome: Style(bold: true, reverse: true))
    public static let levelTwo = StyleRole("levelTwo", letter: "2", monochrome: Style(bold: true, underline: true))
    public static let levelThree = StyleRole("levelThree", letter: "3", monochrome: Style(bold: true))
    public static let levelFour = StyleRole("levelFour", letter: "4", monochrome: Style(underline: true))
    public static let levelResistance = StyleRole(
        "levelResistance", letter: "R", monochrome: Style(underline: true, reverse: true))
    public static let levelOther = StyleRole("levelOther", letter: "5", monochrome: Style(dim: true))
    public static let met = StyleRole("met", letter: "+", monochrome: Style(bold: true))
    public static let notMet = StyleRole("notMet", letter: "-", monochrome: Style(bold: true, underline: true))
    public static let unknown = StyleRole("unknown", letter: "?", monochrome: Style(dim: true))
    public static let privacy = StyleRole("privacy", letter: "P", monochrome: Style(dim: true))
    public static let timerOver = StyleRole("timerOver", letter: "X", monochrome: Style(bold: true, reverse: true))
}

extension StyleRoles {
    /// Every role the board's themes may name: TUIKit's, then the board's.
    public static let board =
        StyleRoles.interface + [
            .levelOne, .levelTwo, .levelThree, .levelFour, .levelResistance, .levelOther, .met, .notMet, .unknown,
            .privacy, .timerOver,
        ]
}
