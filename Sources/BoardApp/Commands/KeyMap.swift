import TUIKit

/// The board screen's key bindings as data: one table drives dispatch, the help screen and the status hints.
public enum KeyMap {
    public static let global = KeyTable<AppAction>([
        KeyBinding([.char("k"), .up], .up, help: "Move up", group: "Move"),
        KeyBinding([.char("j"), .down], .down, help: "Move down", hint: "move", group: "Move"),
        KeyBinding([.char("h"), .left], .left, help: "Left pane / previous tab", group: "Move"),
        KeyBinding([.char("l"), .right], .right, help: "Right pane / next tab", group: "Move"),
        KeyBinding([.char("g"), .home], .top, help: "First item", group: "Move"),
        KeyBinding([.char("G"), .end], .bottom, help: "Last item", group: "Move"),
        KeyBinding([.pageUp, .ctrl("b")], .pageUp, help: "Page up", group: "Move"),
        KeyBinding([.pageDown, .ctrl("f")], .pageDown, help: "Page down", group: "Move"),
        KeyBinding(
            [.enter], .open, help: "Open the selected item (a finding: its detail)", hint: "open", group: "Move"),
        KeyBinding([.escape, .backspace], .back, help: "Back", hint: "back", group: "Move"),
        KeyBinding([.tab], .nextPane, help: "Next pane", group: "Move"),
        KeyBinding([.backTab], .previousPane, help: "Previous pane", group: "Move"),
        KeyBinding([.char("]")], .nextTab, help: "Next tab", group: "Case tabs"),
        KeyBinding([.char("[")], .previousTab, help: "Previous tab", group: "Case tabs"),
        KeyBinding([.char("1")], .tab(0), help: "Summary tab", group: "Case tabs"),
        KeyBinding([.char("2")], .tab(1), help: "Molecular tab", group: "Case tabs"),
        KeyBinding([.char("3")], .tab(2), help: "Trials tab", group: "Case tabs"),
        KeyBinding([.char("4")], .tab(3), help: "Notes tab", group: "Case tabs"),
        KeyBinding([.char("5")], .tab(4), help: "Decision tab", group: "Case tabs"),
        KeyBinding([.char("6")], .tab(5), help: "History tab", group: "Case tabs"),
        KeyBinding([.char("7")], .tab(6), help: "Outcomes tab", group: "Case tabs"),
        KeyBinding([.char("8")], .tab(7), help: "Precedents tab", group: "Case tabs"),
        KeyBinding([.char("f")], .filterKind, help: "Molecular: filter findings by kind", group: "Case tabs"),
        KeyBinding([.char("w")], .explain, help: "Trials: why / why not (per criterion)", group: "Case tabs"),
        KeyBinding(
            [.char("n")], .newNote, help: "New note on the case (or the selected finding / trial)", hint: "note",
            group: "Record"),
        KeyBinding(
            [.char("e")], .editDecision, help: "Decision form (record, sign, amend)", hint: "decide", group: "Record"),
        KeyBinding(
            [.char("o")], .recordOutcome, help: "Record an outcome (treatment, response, toxicity, death…)",
            group: "Record"),
        KeyBinding([.char("/")], .search, help: "Search the whole store", hint: "search", group: "General"),
        KeyBinding(
            [.char(":")], .commandLine, help: "Command line (\(CommandTable.board.names))", hint: "cmd",
            group: "General"),
        KeyBinding(
            [.char("p")], .togglePrivacy, help: "Privacy mode: mask names, MRNs, birth dates", hint: "privacy",
            group: "General"),
        KeyBinding([.char("?"), .function(1)], .help, help: "This help", hint: "help", group: "General"),
        KeyBinding([.ctrl("l")], .redraw, help: "Redraw and reload", group: "General"),
        KeyBinding([.char("q")], .quit, help: "Quit", hint: "quit", group: "General"),
    ])

    /// What stays available inside forms and dialogs whose table replaces the global one: help, privacy, redraw.
    public static let inForms: [KeyBinding<AppAction>] = [
        KeyBinding([.char("?"), .function(1)], .help, help: "This help", hint: "help", group: "General"),
        KeyBinding([.char("p")], .togglePrivacy, help: "Privacy mode: mask names, MRNs, birth dates", group: "General"),
        KeyBinding([.ctrl("l")], .redraw, help: "Redraw and reload", group: "General"),
    ]
}
