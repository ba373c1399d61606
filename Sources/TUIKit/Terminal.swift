/// What the app needs from a terminal: its size, drawing whole canvases, reading keys with a timeout.
///
/// Implemented by `NCursesTerminal` (TerminalNCurses) and by `FakeTerminal` for tests. Not thread-safe:
/// create and use it on one thread (the main actor). `readKey(timeoutMilliseconds:)` returning nil
/// on timeout is the app's tick (clock, polling the store, draining background events).
public protocol Terminal: AnyObject {
    /// Current size in cells; changes are announced by a `.resize` key.
    var size: (width: Int, height: Int) { get }
    /// Whether colours are in use (false for NO_COLOR, TERM=dumb/vt100, colourless terminals).
    var supportsColor: Bool { get }
    /// Whether the locale is UTF-8; if false, draw with `Canvas(asciiOnly: true)`.
    var isUTF8: Bool { get }
    /// Shows a frame. Implementations may diff against the previous one.
    func render(_ canvas: Canvas)
    /// Waits up to `timeoutMilliseconds` (negative = forever) for input; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Switches styles; colourless terminals use the theme's attributes only.
    func apply(theme: Theme)
    /// Gives the terminal back (before running $EDITOR or a pager).
    func suspend()
    /// Takes the terminal again after `suspend()`; the next render redraws everything.
    func resume()
    /// Restores the terminal for good. Safe to call twice.
    func shutdown()
}

extension Terminal {
    /// A blank canvas of the current size, ASCII-only when the locale is not UTF-8.
    public func makeCanvas(role: StyleRole = .normal) -> Canvas {
        let s = size
        return Canvas(width: s.width, height: s.height, role: role, asciiOnly: !isUTF8)
    }
}
