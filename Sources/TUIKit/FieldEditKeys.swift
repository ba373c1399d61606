/// What a key asks a one-line field being edited to do, beyond typing (a `TextField` takes every other key).
public enum FieldEditAction: Hashable, Sendable {
    case accept, cancel, complete
}

/// The keys of a one-line field being edited (the `/` and `:` prompt, a text field of a form) as data: each editor
/// dispatches from this table and the help screen lists it, so the three editors cannot drift apart.
public enum FieldEditKeys {
    public static let table = KeyTable<FieldEditAction>([
        KeyBinding([.enter], .accept, help: "Accept what was typed", hint: "accept", group: "While typing in a field"),
        KeyBinding([.escape], .cancel, help: "Cancel the edit", hint: "cancel", group: "While typing in a field"),
        KeyBinding(
            [.tab], .complete, help: "Complete a name from the roster (again: the next one)", hint: "complete",
            group: "While typing in a field"),
    ])

    /// The action for `key` while a field is being edited; nil when the field takes the key itself.
    public static func action(for key: Key) -> FieldEditAction? { table.action(for: key) }
}
