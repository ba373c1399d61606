/// One input event: a key, a paste, a mouse event, a resize or a termination request.
///
/// Keys are plain data so bindings can live in tables (`KeyTable`) and tests can script input.
/// Control keys are stored lower-case (`.ctrl("s")`); compare through `normalized` when building keys by hand.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case alt(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)
    /// Text pasted with bracketed paste, delivered as one event (newlines as "\n").
    case paste(String)
    case mouse(MouseEvent)
    /// The terminal changed size; read `Terminal.size` and redraw.
    case resize
    /// SIGTERM/SIGHUP/SIGINT arrived while `NCursesTerminal.deferTerminationSignals` was on: save
    /// drafts, call `shutdown()` and exit.
    case terminationRequested(signal: Int32)

    /// Canonical form for lookups: control letters lower-case.
    public var normalized: Key {
        if case .ctrl(let c) = self { return .ctrl(Character(c.lowercased())) }
        return self
    }

    /// Short label for help screens and status-bar hints ("j", "↓", "Ctrl-S", "PgDn", "Tab", "?").
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + c.uppercased()
        case .alt(let c): "Alt-" + String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .function(let n): "F\(n)"
        case .paste: "Paste"
        case .mouse: "Mouse"
        case .resize: "Resize"
        case .terminationRequested(let s): "Signal \(s)"
        }
    }

    /// ASCII-only label for terminals without UTF-8 (arrows spelled out).
    public var asciiLabel: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        default: label.allSatisfy(\.isASCII) ? label : "?"
        }
    }

    /// The printable character of a `.char` key, if any.
    public var character: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}
