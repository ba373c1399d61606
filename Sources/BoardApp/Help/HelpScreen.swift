import TUIKit

/// The key reference, generated from the same tables that dispatch keys.
@MainActor
public final class HelpScreen: Screen {
    let table: KeyTable<AppAction>
    var text = TextView(wraps: false)
    var laidOutWidth = 0

    public init(table: KeyTable<AppAction>) { self.table = table }

    public var title: String { "Help" }

    public func reload(_ context: AppContext) throws {}

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(&canvas, rect: rect, title: "Keys (Esc or q closes)", focused: true)
        if text.lines.isEmpty || laidOutWidth != inner.width {
            text.lines = Self.lines(keys: table, commands: .board, width: inner.width)
            laidOutWidth = inner.width
        }
        text.render(into: &canvas, rect: inner)
    }

    static let mouse = "Mouse: click selects (click again opens), wheel scrolls, click a tab to switch."

    /// The keys, the keys of a field being edited, then the `:` commands, in one aligned column, laid out for `width` (the view does not re-wrap them).
    static func lines(keys: KeyTable<AppAction>, commands: CommandTable, width: Int) -> [TextView.Line] {
        let fields = FieldEditKeys.table
        let labelWidth = HelpColumns.labelWidth(
            keys.bindings.map(\.keysLabel) + fields.bindings.map(\.keysLabel) + commands.entries.map(\.usage),
            width: width)
        return keys.helpLines(width: width, labelWidth: labelWidth).map { TextView.Line($0) }
            + [""] + fields.helpLines(width: width, labelWidth: labelWidth).map { TextView.Line($0) }
            + ["", .init("Commands after ':'", role: .title)]
            + commands.helpLines(width: width, labelWidth: labelWidth).map { TextView.Line($0) }
            + [""]
            + TextWrap.wrap(Self.mouse, width: max(1, width)).map { TextView.Line($0, role: .dim) }
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .help, .quit, .back: return .pop
        default: return TextKeys.apply(action, to: &text) ? .none : .unhandled
        }
    }
}
