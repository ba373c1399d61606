import TUIKit

/// What a key asks the decision form to do (carried by `AppAction.decisionForm`).
public enum DecisionFormAction: Hashable, Sendable {
    case up, down, top, bottom, pageUp, pageDown
    /// Edit the row's text, toggle it, or open its question.
    case activate
    case next, previous
    case addRecommendation, addDissent, addPresent, remove
    case externalEditor
    case save, sign, requestSignoff, amend, close
}

/// The decision form's key bindings as data: dispatch, the `?` help and the status-bar hints all come from these
/// tables. The form's table replaces the board's global one (`n`, `e`, `/` do not apply inside a form); help,
/// privacy and redraw are kept.
public enum DecisionFormKeys {
    static func bind(_ keys: [Key], _ action: DecisionFormAction, _ help: String, hint: String? = nil, group: String)
        -> KeyBinding<AppAction>
    {
        KeyBinding(keys, .decisionForm(action), help: help, hint: hint, group: group)
    }

    static let moving: [KeyBinding<AppAction>] = [
        bind([.char("j"), .down], .down, "Next field", hint: "move", group: "Move"),
        bind([.char("k"), .up], .up, "Previous field", group: "Move"),
        bind([.char("g"), .home], .top, "First field", group: "Move"),
        bind([.char("G"), .end], .bottom, "Last field", group: "Move"),
        bind([.pageDown, .ctrl("f")], .pageDown, "Page down", group: "Move"),
        bind([.pageUp, .ctrl("b")], .pageUp, "Page up", group: "Move"),
    ]

    static let editing: [KeyBinding<AppAction>] = [
        bind(
            [.enter, .char(" ")], .activate, "Edit the field's text, or tick the finding / attendee", hint: "edit",
            group: "Edit"),
        bind(
            [.right, .char("l")], .next, "Next choice (kind, trial, scale, level, priority, consensus)", hint: "choose",
            group: "Edit"),
        bind([.left, .char("h")], .previous, "Previous choice", group: "Edit"),
        bind([.char("a")], .addRecommendation, "Add a recommendation", hint: "add rec", group: "Edit"),
        bind(
            [.char("d")], .addDissent, "Record a dissent (Tab completes names from the board's rosters)",
            hint: "dissent",
            group: "Edit"),
        bind([.char("P")], .addPresent, "Add someone present who is not on the roster (Tab completes)", group: "Edit"),
        bind([.char("x"), .delete], .remove, "Remove the recommendation or dissent", hint: "remove", group: "Edit"),
        bind([.ctrl("o")], .externalEditor, "Rationale: edit in $EDITOR", group: "Edit"),
    ]

    static let recording: [KeyBinding<AppAction>] = [
        bind([.char("s"), .ctrl("s")], .save, "Save the draft", hint: "save", group: "Record"),
        bind(
            [.char("F")], .sign, "Sign as the chair (your login); otherwise ask the chair to sign", hint: "sign",
            group: "Record"),
        bind(
            [.char("R")], .requestSignoff, "Request sign-off from the meeting's chair", hint: "request", group: "Record"
        ),
    ]

    static let amending: [KeyBinding<AppAction>] = [
        bind([.char("A")], .amend, "Amend a signed decision (asks for the reason)", hint: "amend", group: "Record")
    ]

    static let leaving: [KeyBinding<AppAction>] =
        [
            bind(
                [.escape, .char("q")], .close, "Close the form (asks when something is unsaved)", hint: "close",
                group: "General")
        ] + KeyMap.inForms

    /// A draft being edited.
    /// Recording comes first so a narrow status bar keeps "s save  F sign".
    public static let editable = KeyTable<AppAction>(recording + editing + moving + leaving)
    /// A signed (or superseded) decision: read, or amend.
    public static let readOnly = KeyTable<AppAction>(amending + moving + leaving)
}
