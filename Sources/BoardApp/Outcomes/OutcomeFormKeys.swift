import TUIKit

/// What the outcome form can be asked to do.
enum OutcomeFormAction: Hashable, Sendable {
    case up, down, top, bottom, edit, next, previous, clear, save, close
}

/// The outcome form's keys as data: dispatch, the hint line and the help screen come from this one table.
enum OutcomeFormKeys {
    static let table = KeyTable<OutcomeFormAction>([
        KeyBinding([.char("k"), .up], .up, help: "Previous field", group: "Outcome form"),
        KeyBinding([.char("j"), .down], .down, help: "Next field", hint: "move", group: "Outcome form"),
        KeyBinding([.char("g"), .home], .top, help: "First field", group: "Outcome form"),
        KeyBinding([.char("G"), .end], .bottom, help: "Last field", group: "Outcome form"),
        KeyBinding(
            [.enter, .char(" ")], .edit, help: "Edit the field (text) or step its choice", hint: "edit",
            group: "Outcome form"),
        KeyBinding([.right, .char("l")], .next, help: "Next choice", hint: "choose", group: "Outcome form"),
        KeyBinding([.left, .char("h")], .previous, help: "Previous choice", group: "Outcome form"),
        KeyBinding([.char("x"), .delete], .clear, help: "Clear the field", hint: "clear", group: "Outcome form"),
        KeyBinding([.char("s"), .ctrl("s")], .save, help: "Save the outcome", hint: "save", group: "Outcome form"),
        KeyBinding(
            [.escape, .char("q")], .close, help: "Close (asks first when something changed)", hint: "close",
            group: "Outcome form"),
    ])

    /// "j move · Enter edit · …": the hint line under the form.
    static var hintLine: String {
        table.hints().map { "\($0.keys) \($0.label)" }.joined(separator: " · ")
    }
}
