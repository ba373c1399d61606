import TUIKit

/// What a key asks the note editor to do (carried by `AppAction.noteEditor`).
public enum NoteEditorAction: Hashable, Sendable {
    case save, cancel, externalEditor
}

/// The note editor's keys as data: only keys that type no text (every other key goes into the note). Dispatch, its
/// status-bar hints and the line under the editor come from this table; it replaces the board's global one.
public enum NoteEditorKeys {
    public static let editing: [KeyBinding<AppAction>] = [
        KeyBinding([.ctrl("s")], .noteEditor(.save), help: "save", hint: "save", group: "Note"),
        KeyBinding(
            [.escape], .noteEditor(.cancel), help: "cancel", hint: "cancel", group: "Note"),
        KeyBinding(
            [.ctrl("o")], .noteEditor(.externalEditor), help: "edit in $EDITOR", hint: "$EDITOR", group: "Note"),
    ]

    public static let table = KeyTable<AppAction>(editing)

    /// "Ctrl-S save · Esc cancel · Ctrl-O edit in $EDITOR".
    static var line: String { editing.map { "\($0.keysLabel) \($0.help)" }.joined(separator: " · ") }
}
