import TUIKit

/// The key reference, generated from the same tables that dispatch keys.
@MainActor
public final class HelpScreen: Screen {
    let table: KeyTable<AppAction>
    var text = TextView()

    public init(table: KeyTable<AppAction>) { self.table = table }

    public var title: String { "Help" }

    public func reload(_ context: AppContext) throws {}

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(&canvas, rect: rect, title: "Keys (Esc or q closes)", focused: true)
        let lines =
            table.helpLines(width: inner.width).map { TextView.Line($0) } + [
                "", .init("Commands after ':'", role: .title),
                "  :meeting [ID]     open a meeting (the next upcoming one without an ID)",
                "  :case ID          open a case",
                "  :trial ID         open a trial",
                "  :search TEXT      search the store",
                "  :theme NAME|PATH  switch theme (default, light, high-contrast, monochrome, colorblind)",
                "  :privacy          toggle privacy mode",
                "  :drafts           reopen drafts kept from forms and editors left unsaved",
                "  :help             this screen",
                "  :home             back to the home screen",
                "  :quit             leave",
                "",
                .init("Mouse: click selects (click again opens), wheel scrolls, click a tab to switch.", role: .dim),
            ]
        if text.lines != lines { text.lines = lines }
        text.render(into: &canvas, rect: inner)
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .help, .quit, .back: return .pop
        default: return TextKeys.apply(action, to: &text) ? .none : .unhandled
        }
    }
}
