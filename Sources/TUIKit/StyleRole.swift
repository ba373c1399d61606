/// What a piece of text *means* on screen; a `Theme` turns a role into colours and attributes.
///
/// Code never names colours: it names roles, so themes (including monochrome and colour-blind ones)
/// can change the look without touching screens.
public enum StyleRole: String, CaseIterable, Sendable, Codable, Hashable {
    case normal
    case dim
    case title
    case header
    case statusBar
    case statusKey
    case selection
    case selectionInactive
    case border
    case borderFocused
    case tabActive
    case tabInactive
    case warning
    case error
    case success
    case info
    case levelOne
    case levelTwo
    case levelThree
    case levelFour
    case levelResistance
    case levelOther
    case met
    case notMet
    case unknown
    case privacy
    case modal
    case modalTitle
    case button
    case buttonFocused
    case input
    case inputPlaceholder
    case highlight
    case timerOver
    case scrollbar

    /// The default one-letter code used by `Canvas.roleDump` in snapshot tests.
    public var defaultLegendLetter: Character {
        switch self {
        case .normal: "."
        case .dim: "d"
        case .title: "T"
        case .header: "H"
        case .statusBar: "s"
        case .statusKey: "k"
        case .selection: "S"
        case .selectionInactive: "i"
        case .border: "b"
        case .borderFocused: "B"
        case .tabActive: "A"
        case .tabInactive: "a"
        case .warning: "W"
        case .error: "E"
        case .success: "O"
        case .info: "I"
        case .levelOne: "1"
        case .levelTwo: "2"
        case .levelThree: "3"
        case .levelFour: "4"
        case .levelResistance: "R"
        case .levelOther: "5"
        case .met: "+"
        case .notMet: "-"
        case .unknown: "?"
        case .privacy: "P"
        case .modal: "m"
        case .modalTitle: "M"
        case .button: "u"
        case .buttonFocused: "U"
        case .input: "n"
        case .inputPlaceholder: "p"
        case .highlight: "h"
        case .timerOver: "X"
        case .scrollbar: "|"
        }
    }
}
