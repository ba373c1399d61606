import TUIKit

/// How to go on after someone else saved the same decision first (carried by `AppAction.conflict`).
public enum ConflictAction: Hashable, Sendable {
    case takeTheirs, keepMine
}

/// The conflict screen's keys as data: dispatch, its `?` help, the status-bar hints and the choice line under the
/// two versions all come from this table. It replaces the board's global one (no note, search or quit from here).
public enum DecisionConflictKeys {
    public static let choices: [KeyBinding<AppAction>] = [
        KeyBinding(
            [.char("t")], .conflict(.takeTheirs), help: "continue from theirs", hint: "theirs", group: "Choose"),
        KeyBinding(
            [.char("m")], .conflict(.keepMine), help: "keep mine on top of theirs", hint: "mine", group: "Choose"),
        KeyBinding([.escape], .back, help: "back to your edit", hint: "back", group: "Choose"),
    ]

    public static let table = KeyTable<AppAction>(choices + KeyMap.inForms)

    /// "t: continue from theirs · m: keep mine on top of theirs · Esc: back to your edit".
    static var choiceLine: String { choices.map { "\($0.keysLabel): \($0.help)" }.joined(separator: " · ") }
}
