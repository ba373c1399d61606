/// One row of a key table: which keys trigger which action, and how to describe it.
///
/// The same value feeds the key handler, the help screen and the status-bar hints, so they cannot drift.
public struct KeyBinding<Action>: CustomStringConvertible {
    public var keys: [Key]
    public var action: Action
    /// Sentence for the help screen ("Move the selection down").
    public var help: String
    /// Short status-bar label ("down"); nil keeps the binding out of the status bar.
    public var hint: String?
    /// Heading in the help screen ("Navigation", "Case", "Global").
    public var group: String

    public init(_ keys: [Key], _ action: Action, help: String, hint: String? = nil, group: String = "General") {
        self.keys = keys.map(\.normalized)
        self.action = action
        self.help = help
        self.hint = hint
        self.group = group
    }

    public init(_ key: Key, _ action: Action, help: String, hint: String? = nil, group: String = "General") {
        self.init([key], action, help: help, hint: hint, group: group)
    }

    /// "j, ↓" — every key, as shown in the help screen.
    public var keysLabel: String { keys.map(\.label).joined(separator: ", ") }

    public var description: String { "\(keysLabel): \(help)" }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension KeyBinding: Equatable where Action: Equatable {}
