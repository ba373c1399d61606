import TUIKit

/// One screen of the board app. Screens load from the store through the context, draw into a canvas
/// rect, and answer actions with a navigation step; they never touch the terminal.
@MainActor
public protocol Screen: AnyObject {
    /// Shown in the header ("Thoracic · Thu 3 Dec 2026").
    var title: String { get }
    /// Bindings that only this screen has, placed before the global table.
    var keys: KeyTable<AppAction> { get }
    /// A form whose table is complete in itself: the global table is not added (its `?` help and status-bar hints
    /// show only the form's keys).
    var replacesGlobalKeys: Bool { get }
    func reload(_ context: AppContext) throws
    func render(into canvas: inout Canvas, rect: Rect, context: AppContext)
    func perform(_ action: AppAction, context: AppContext) -> Navigation
    func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation
    /// Raw keys before the key table: editors take text here. Return nil to let the key table act.
    func input(_ key: Key, context: AppContext) -> Navigation?
    /// Called on every tick (about four times a second when idle) and after keys: autosave lives here.
    func tick(_ context: AppContext)
    /// Saves any unsaved text as a draft now (termination signal, quitting).
    func flushDrafts(_ context: AppContext)
}

extension Screen {
    /// Runs a store change, reloads the screen, and turns an error into a message line.
    func change(_ context: AppContext, _ body: () throws -> Void) -> Navigation {
        do {
            try body()
            try reload(context)
            return .none
        } catch {
            try? reload(context)
            return .error("\(error)")
        }
    }

    public var keys: KeyTable<AppAction> { KeyTable([]) }
    public var replacesGlobalKeys: Bool { false }
    public func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation { .none }
    public func input(_ key: Key, context: AppContext) -> Navigation? { nil }
    public func tick(_ context: AppContext) {}
    public func flushDrafts(_ context: AppContext) {}
}

/// What a screen asks the app to do next.
public enum Navigation {
    case none
    case push(any Screen)
    case replace(any Screen)
    case pop
    case quit
    case message(String)
    case error(String)
    /// A dialog; the closure turns the chosen button (nil = cancelled) into the next step.
    case confirm(Modal, (Int?) -> Navigation)
    /// A one-line question at the bottom; the closure gets the answer (nil = cancelled). An `.error` answer
    /// keeps the question open with what was typed, the error shown above it, so a typo is fixed, not retyped.
    case ask(String, initial: String, (String?) -> Navigation)
    /// `ask` for a person: Tab completes the typed letters from `names` (the roster), again for the next match.
    case askName(String, initial: String, names: [String], (String?) -> Navigation)
    /// Leave the screen and reload the one below (after a save).
    case popAndReload(String?)
    /// The action was not used by the screen; the app may handle it.
    case unhandled
}
