/// An ordered list of key bindings: the single source for dispatch, help text and status hints.
///
/// The first binding that lists a key wins, so a screen table can be placed before a global one
/// (`screenTable + globalTable`) to override it.
public struct KeyTable<Action> {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    /// The action bound to `key`, or nil.
    public func action(for key: Key) -> Action? {
        binding(for: key)?.action
    }

    public func binding(for key: Key) -> KeyBinding<Action>? {
        let k = key.normalized
        return bindings.first { $0.keys.contains(k) }
    }

    /// Keys listed by more than one binding (a table smell worth a test).
    public func duplicateKeys() -> [Key] {
        var seen = Set<Key>()
        var dup: [Key] = []
        for b in bindings {
            for k in b.keys {
                if seen.contains(k), !dup.contains(k) { dup.append(k) }
                seen.insert(k)
            }
        }
        return dup
    }

    /// Groups in order of first appearance.
    public var groups: [String] {
        var out: [String] = []
        for b in bindings where !out.contains(b.group) { out.append(b.group) }
        return out
    }

    /// The help screen: a heading per group, then `keys  help` rows with an aligned key column and
    /// help text wrapped under itself. Lines never exceed `width` columns. `labelWidth` sets the key column (to
    /// align it with another list on the same screen); by default it fits the widest key label.
    public func helpLines(width: Int, labelWidth: Int? = nil) -> [String] {
        let keyCol = labelWidth ?? HelpColumns.labelWidth(bindings.map(\.keysLabel), width: width)
        var lines: [String] = []
        for (gi, group) in groups.enumerated() {
            if gi > 0 { lines.append("") }
            lines.append(TextWidth.truncate(group, toWidth: max(10, width)))
            let rows = bindings.filter { $0.group == group }.map { (left: $0.keysLabel, right: $0.help) }
            lines += HelpColumns.lines(rows, width: width, labelWidth: keyCol)
        }
        return lines
    }

    /// Status-bar hints in table order: the first key's label and the binding's short hint.
    public func hints() -> [(keys: String, label: String)] {
        bindings.compactMap { b in
            guard let hint = b.hint, let first = b.keys.first else { return nil }
            return (keys: first.label, label: hint)
        }
    }

    /// This table's bindings followed by `other`'s (earlier bindings win on conflicts).
    public static func + (lhs: KeyTable, rhs: KeyTable) -> KeyTable {
        KeyTable(lhs.bindings + rhs.bindings)
    }

    /// A table with the same descriptions and keys but actions mapped (e.g. into an app-level enum).
    public func map<T>(_ transform: (Action) -> T) -> KeyTable<T> {
        KeyTable<T>(
            bindings.map { KeyBinding($0.keys, transform($0.action), help: $0.help, hint: $0.hint, group: $0.group) })
    }
}

extension KeyTable: Sendable where Action: Sendable {}
