import TUIKit

/// One screen of the board app. Screens load from the store through the context, draw into a canvas
/// rect, and answer actions with a navigation step; they never touch the terminal.
@MainActor
public protocol Screen: AnyObject {
    /// Shown in the header ("Thoracic · Thu 3 Dec 2026").
    var title: String { get }
    /// Bindings that only this screen has, placed before the global table.
    var keys: KeyTable<AppAction> { get }
    func reload(_ context: AppContext) throws
    func render(into canvas: inout Canvas, rect: Rect, context: AppContext)
    func perform(_ action: AppAction, context: AppContext) -> Navigation
    func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation
}

extension Screen {
    public var keys: KeyTable<AppAction> { KeyTable([]) }
    public func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation { .none }
}

/// What a screen asks the app to do next.
public enum Navigation {
    case none
    case push(any Screen)
    case replace(any Screen)
    case pop
    case quit
    case message(String)
    /// The action was not used by the screen; the app may handle it.
    case unhandled
}
