import CNCursesW
import TUIKit

#if canImport(Glibc)
    import Glibc
#endif

/// The `Terminal` on libncursesw: owns curses (initialisation, colours, input, signals), like htop's CRT.c.
///
/// Use from one thread only (the main actor). Create once at start, `shutdown()` at the end; the
/// terminal is also restored by signal handlers and `atexit` on every other way out.
///
/// ## Saving drafts on SIGHUP/SIGTERM
/// Two ways, pick one:
/// 1. **Graceful (recommended)**: set `NCursesTerminal.deferTerminationSignals = true` before creating
///    the terminal. SIGTERM, SIGHUP and SIGINT (Ctrl-C) then only set a flag; `readKey` returns
///    `.terminationRequested(signal:)` within one tick, and the app saves drafts on the main actor
///    with its normal code, calls `shutdown()` and `exit(128 + signal)`. A second signal while the
///    first is pending ends the program at once (a stuck app can still be killed).
/// 2. **Synchronous hook**: set `NCursesTerminal.onFatalSignal` to a `@convention(c)` function. It runs
///    inside the signal handler for TERM/INT/HUP/QUIT, *before* the terminal is restored. Only
///    async-signal-safe work is truly safe there (`write(2)` of a buffer prepared in advance to an
///    fd opened in advance, setting a flag); running SQLite there usually works but can deadlock if the
///    signal interrupted malloc or the store. Crash signals never call the hook.
public final class NCursesTerminal: Terminal {
    /// Called inside the signal handler on SIGTERM/SIGINT/SIGHUP/SIGQUIT before the terminal is restored.
    public static var onFatalSignal: (@convention(c) (Int32) -> Void)? {
        get { fatalSignalHook }
        set { fatalSignalHook = newValue }
    }

    /// When true, SIGTERM/SIGHUP/SIGINT are delivered as `Key.terminationRequested` instead of ending the program.
    public static var deferTerminationSignals: Bool {
        get { deferTerminationSignalsFlag }
        set { deferTerminationSignalsFlag = newValue }
    }

    public private(set) var supportsColor: Bool
    public private(set) var isUTF8: Bool
    /// True for the /dev/null test terminal.
    public let isHeadless: Bool
    /// The theme actually in use (the monochrome one when colours are off).
    public private(set) var activeTheme: Theme = .monochrome

    private var screen: OpaquePointer?
    private var outFile: UnsafeMutablePointer<FILE>?
    private var inFile: UnsafeMutablePointer<FILE>?
    private var previous: Canvas?
    private var needsFullRedraw = true
    private var isShutDown = false
    private var isSuspendedFlag = false
    private var roleAttrs: [StyleRole: (attr: attr_t, pair: Int32)] = [:]
    private var decoder: KeyDecoder!
    private var colorCount: Int32 = 0
    private var defaultColorsOK = false
    /// Locale to put back when a headless terminal shuts down (tests should not leak "C").
    private var savedLocale: String?

    /// Takes over the real terminal (stdin/stdout). Throws when curses cannot start (unknown TERM, no tty).
    public init(theme: Theme = .monochrome, installSignalHandlers: Bool = true) throws {
        setlocale(LC_ALL, "")
        isUTF8 = NCursesTerminal.localeIsUTF8()
        isHeadless = false
        supportsColor = false
        if installSignalHandlers { TerminalRestorer.install() }
        guard let out = fdopen(1, "w"), let inp = fdopen(0, "r") else {
            if installSignalHandlers { TerminalRestorer.uninstall() }
            throw NCursesError(message: "cannot open the terminal streams")
        }
        guard let scr = newterm(nil, out, inp) else {
            if installSignalHandlers { TerminalRestorer.uninstall() }
            let term = ProcessInfoLite.environment["TERM"] ?? "(unset)"
            throw NCursesError(
                message: "cannot initialise the terminal (TERM=\(term)); is this an interactive terminal?")
        }
        set_term(scr)
        // A terminal that cannot move the cursor (TERM=dumb) cannot show a screen: say so instead of scribbling.
        let cup = tigetstr("cup")
        if cup == nil || Int(bitPattern: cup) == -1 {
            endwin()
            delscreen(scr)
            if installSignalHandlers { TerminalRestorer.uninstall() }
            let term = ProcessInfoLite.environment["TERM"] ?? "(unset)"
            throw NCursesError(
                message:
                    "this terminal (TERM=\(term)) cannot move the cursor, so the board screen cannot be drawn; use a full-screen terminal (e.g. TERM=xterm-256color) or the commands (tumorboard cases, show, export)"
            )
        }
        screen = scr
        outFile = out
        inFile = inp
        terminalIsActive = true
        setUp(termName: ProcessInfoLite.environment["TERM"])
        apply(theme: theme)
        wrefresh(tb_stdscr())
        let env = ProcessInfoLite.environment
        if isatty(1) != 0, !Theme.prefersMonochromeTerm(env["TERM"]) {
            let on: StaticString = "\u{1B}[?2004h"
            _ = write(1, on.utf8Start, on.utf8CodeUnitCount)
            bracketedPasteEnabled = true
        }
    }

    /// A terminal on /dev/null of the given size for tests (`newterm` with LINES/COLUMNS). Installs no
    /// signal handlers. ncurses state is process-global: keep tests using this in one serialized suite.
    public init(
        headless size: (width: Int, height: Int), term: String = "xterm-256color", locale: String? = "C.UTF-8",
        theme: Theme = .monochrome
    ) throws {
        savedLocale = setlocale(LC_ALL, nil).map { String(cString: $0) }
        if let locale { setlocale(LC_ALL, locale) } else { setlocale(LC_ALL, "") }
        isUTF8 = NCursesTerminal.localeIsUTF8()
        isHeadless = true
        supportsColor = false
        setenv("LINES", String(max(1, size.height)), 1)
        setenv("COLUMNS", String(max(1, size.width)), 1)
        guard let out = fopen("/dev/null", "w"), let inp = fopen("/dev/null", "r") else {
            throw NCursesError(message: "cannot open /dev/null")
        }
        guard let scr = newterm(term, out, inp) else {
            fclose(out)
            fclose(inp)
            throw NCursesError(message: "newterm(\(term)) failed")
        }
        screen = scr
        outFile = out
        inFile = inp
        set_term(scr)
        setUp(termName: term)
        apply(theme: theme)
    }

    private func setUp(termName: String?) {
        cbreak()
        noecho()
        nonl()
        // Ctrl-S saves in the editors: turn off XON/XOFF flow control, which would otherwise swallow it
        // (and freeze the screen). def_prog_mode keeps this across endwin/refresh.
        if !isHeadless, isatty(0) != 0 {
            var attributes = termios()
            if tcgetattr(0, &attributes) == 0 {
                attributes.c_iflag &= ~tcflag_t(IXON)
                tcsetattr(0, TCSANOW, &attributes)
                def_prog_mode()
            }
        }
        let win = tb_stdscr()
        keypad(win, true)
        intrflush(win, false)
        scrollok(win, false)
        leaveok(win, false)
        set_escdelay(25)
        curs_set(0)
        mousemask(
            tb_BUTTON1_PRESSED() | tb_BUTTON1_RELEASED() | tb_BUTTON1_CLICKED() | tb_BUTTON4_PRESSED()
                | tb_BUTTON5_PRESSED(), nil)
        mouseinterval(0)
        var env = ProcessInfoLite.environment
        env["TERM"] = termName
        let monochrome = Theme.prefersMonochrome(environment: env, terminalHasColors: has_colors())
        if !monochrome, start_color() == OK {
            defaultColorsOK = use_default_colors() == OK
            colorCount = tb_COLORS()
            supportsColor = colorCount >= 8
        }
        decoder = KeyDecoder(
            read: { timeout in
                wtimeout(tb_stdscr(), Int32(clamping: timeout))
                var ch: wint_t = 0
                let r = wget_wch(tb_stdscr(), &ch)
                if r == KEY_CODE_YES { return .code(Int32(bitPattern: ch)) }
                if r == OK { return .char(UInt32(ch)) }
                return nil
            }, mapCode: { [unowned self] code in self.key(forCode: code) })
    }

    static func localeIsUTF8() -> Bool {
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    deinit {
        shutdown()
    }

    // MARK: Terminal

    public var size: (width: Int, height: Int) {
        guard !isShutDown else { return (0, 0) }
        let w = tb_stdscr()
        return (Int(tb_maxx(w)), Int(tb_maxy(w)))
    }

    public func apply(theme: Theme) {
        let effective = supportsColor ? theme : .monochrome
        activeTheme = effective
        roleAttrs = [:]
        needsFullRedraw = true
    }

    private func colorNumber(_ c: Color?, isForeground: Bool) -> (Int32, bright: Bool) {
        guard let c, c != .default else {
            if defaultColorsOK { return (-1, false) }
            return (isForeground ? 7 : 0, false)
        }
        let n = c.paletteIndex(forColors: Int(colorCount))
        let bright = c.isBright && colorCount < 16
        return (Int32(n), bright)
    }

    /// A role's attributes and colour pair in the active theme, worked out on first use: the program
    /// registers its own roles, so the terminal cannot list them up front.
    private func attributes(for role: StyleRole) -> (attr: attr_t, pair: Int32) {
        if let known = roleAttrs[role] { return known }
        let made = attributes(for: activeTheme.style(for: role))
        roleAttrs[role] = made
        return made
    }

    private func attributes(for style: Style) -> (attr: attr_t, pair: Int32) {
        var a = tb_A_NORMAL()
        if style.bold { a |= tb_A_BOLD() }
        if style.underline { a |= tb_A_UNDERLINE() }
        if style.reverse { a |= tb_A_REVERSE() }
        if style.dim { a |= tb_A_DIM() }
        var pair: Int32 = 0
        if supportsColor, style.fg != nil || style.bg != nil {
            let (fg, brightFg) = colorNumber(style.fg, isForeground: true)
            let (bg, _) = colorNumber(style.bg, isForeground: false)
            if brightFg { a |= tb_A_BOLD() }
            let p = alloc_pair(fg, bg)
            if p > 0 { pair = p }
        }
        return (a, pair)
    }

    public func render(_ canvas: Canvas) {
        guard !isShutDown, !isSuspendedFlag else { return }
        let win = tb_stdscr()
        let rows = min(Int(tb_maxy(win)), canvas.height)
        let cols = min(Int(tb_maxx(win)), canvas.width)
        let full =
            needsFullRedraw || previous == nil || previous!.width != canvas.width || previous!.height != canvas.height
        if full { werase(win) }
        for y in 0..<max(0, rows) {
            var start = 0
            var end = cols
            if !full, let prev = previous {
                var first = -1
                var last = -1
                for x in 0..<cols where canvas[x, y] != prev[x, y] {
                    if first < 0 { first = x }
                    last = x
                }
                if first < 0 { continue }
                start = first
                end = last + 1
                // Redraw a wide glyph whole when only its right half changed.
                if start > 0, canvas[start, y].isContinuation || prev[start, y].isContinuation { start -= 1 }
            }
            var x = start
            while x < end {
                x += drawCell(canvas[x, y], x: x, y: y, cols: cols, next: x + 1 < canvas.width ? canvas[x + 1, y] : nil)
            }
        }
        if let c = canvas.cursor, c.x >= 0, c.y >= 0, c.x < cols, c.y < rows {
            curs_set(1)
            wmove(win, Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(win)
        doupdate()
        previous = canvas
        needsFullRedraw = false
    }

    /// Draws one cell and returns how many columns it advanced (2 for a wide glyph).
    private func drawCell(_ cell: Cell, x: Int, y: Int, cols: Int, next: Cell?) -> Int {
        if cell.isContinuation { return 1 }
        let (baseAttr, pair) = attributes(for: cell.role)
        var attr = baseAttr
        if cell.bold { attr |= tb_A_BOLD() }
        if cell.underline { attr |= tb_A_UNDERLINE() }
        if cell.reverse { attr |= tb_A_REVERSE() }
        let canvasWidth = (next?.isContinuation ?? false) ? 2 : 1
        var text = cell.text
        if !isUTF8, !text.allSatisfy(\.isASCII) { text = NCursesTerminal.asciiFallback(text) }
        var scalars = Array(text.unicodeScalars)
        if scalars.isEmpty { scalars = [" "] }
        // First scalar spacing, then only zero-width ones (setcchar rejects spacing followers).
        var wchars: [wchar_t] = [wchar_t(bitPattern: scalars[0].value)]
        for s in scalars.dropFirst() where wcwidth(wchar_t(bitPattern: s.value)) == 0 && wchars.count < 4 {
            wchars.append(wchar_t(bitPattern: s.value))
        }
        var cursesWidth = Int(wcwidth(wchars[0]))
        if cursesWidth < 1 || (cursesWidth == 2 && canvasWidth == 1) || x + max(cursesWidth, canvasWidth) > cols {
            // The C library disagrees with the canvas (or the glyph would cross the edge): draw a stand-in.
            wchars = [wchar_t(bitPattern: (isUTF8 && canvasWidth == 1 ? 0xFFFD : 0x3F))]
            cursesWidth = 1
        }
        wchars.append(0)
        putWide(wchars, attr: attr, pair: pair, x: x, y: y)
        if canvasWidth == 2, cursesWidth == 1, x + 1 < cols {
            putWide([0x20, 0], attr: attr, pair: pair, x: x + 1, y: y)
        }
        return canvasWidth
    }

    private func putWide(_ wchars: [wchar_t], attr: attr_t, pair: Int32, x: Int, y: Int) {
        var cc = cchar_t()
        var p = pair
        wchars.withUnsafeBufferPointer { buf in
            _ = setcchar(&cc, buf.baseAddress, attr, Int16(clamping: pair), &p)
        }
        mvwadd_wch(tb_stdscr(), Int32(y), Int32(x), &cc)
    }

    static func asciiFallback(_ text: String) -> String {
        switch text {
        case "─", "━", "═": return "-"
        case "│", "┃", "║": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "…": return "~"
        case "█": return "#"
        default: return "?"
        }
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !isShutDown else { return nil }
        if pendingTerminationSignal != 0, !deliveredTermination { return takePendingSignal() }
        let k = decoder.next(timeoutMilliseconds: timeoutMilliseconds)
        if k == nil, pendingTerminationSignal != 0, !deliveredTermination { return takePendingSignal() }
        if k == .resize { needsFullRedraw = true }
        return k
    }

    private var deliveredTermination = false

    /// Delivers a deferred signal once; the flag stays set so a second signal ends the program.
    private func takePendingSignal() -> Key? {
        if deliveredTermination { return decoder.next(timeoutMilliseconds: 0) }
        deliveredTermination = true
        return .terminationRequested(signal: pendingTerminationSignal)
    }

    func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return readMouse()
        case tb_KEY_F(1)...tb_KEY_F(63): return .function(Int(code - tb_KEY_F(0)))
        default: return nil
        }
    }

    private func readMouse() -> Key? {
        var ev = MEVENT()
        guard getmouse(&ev) == OK else { return nil }
        let b = ev.bstate
        let kind: MouseEvent.Kind
        if b & tb_BUTTON4_PRESSED() != 0 {
            kind = .wheelUp
        } else if tb_BUTTON5_PRESSED() != 0, b & tb_BUTTON5_PRESSED() != 0 {
            kind = .wheelDown
        } else if b & tb_BUTTON1_PRESSED() != 0 {
            kind = .press
        } else if b & tb_BUTTON1_RELEASED() != 0 {
            kind = .release
        } else if b & (tb_BUTTON1_CLICKED() | tb_BUTTON1_DOUBLE_CLICKED()) != 0 {
            kind = .click
        } else {
            return nil
        }
        return .mouse(MouseEvent(x: Int(ev.x), y: Int(ev.y), kind: kind))
    }

    public func suspend() {
        guard !isShutDown, !isSuspendedFlag else { return }
        if bracketedPasteEnabled, !isHeadless {
            let off: StaticString = "\u{1B}[?2004l"
            _ = write(1, off.utf8Start, off.utf8CodeUnitCount)
        }
        def_prog_mode()
        endwin()
        isSuspendedFlag = true
    }

    public func resume() {
        guard !isShutDown, isSuspendedFlag else { return }
        reset_prog_mode()
        isSuspendedFlag = false
        needsFullRedraw = true
        wrefresh(tb_stdscr())
        if bracketedPasteEnabled, !isHeadless {
            let on: StaticString = "\u{1B}[?2004h"
            _ = write(1, on.utf8Start, on.utf8CodeUnitCount)
        }
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if isHeadless {
            if !isendwin() { endwin() }
        } else {
            restoreTerminalNow()
            terminalIsActive = false
            TerminalRestorer.uninstall()
        }
        if let screen { delscreen(screen) }
        screen = nil
        if isHeadless {
            if let outFile { fclose(outFile) }
            if let inFile { fclose(inFile) }
        }
        outFile = nil
        inFile = nil
        if isHeadless, let savedLocale { setlocale(LC_ALL, savedLocale) }
    }

    // MARK: Reading back (tests)

    /// The text of the curses window, row by row, trailing spaces trimmed (continuation halves of wide
    /// glyphs skipped) — proves where characters landed in curses' own cells.
    public func screenText() -> String {
        guard !isShutDown else { return "" }
        let win = tb_stdscr()
        let h = Int(tb_maxy(win))
        let w = Int(tb_maxx(win))
        var lines: [String] = []
        for y in 0..<h {
            var buf = [cchar_t](repeating: cchar_t(), count: w + 1)
            mvwin_wchnstr(win, Int32(y), 0, &buf, Int32(w))
            var line = String.UnicodeScalarView()
            for x in 0..<w {
                var wch = [wchar_t](repeating: 0, count: 8)
                var attrs: attr_t = 0
                var pair: Int16 = 0
                getcchar(&buf[x], &wch, &attrs, &pair, nil)
                if wch[0] == 0 { continue }
                for c in wch where c != 0 {
                    if let s = Unicode.Scalar(UInt32(bitPattern: c)) { line.append(s) }
                }
            }
            var s = String(line)
            while s.last == " " { s.removeLast() }
            lines.append(s)
        }
        return lines.joined(separator: "\n")
    }

    /// Attributes and colour pair of the curses cell at (x, y), for tests of theme application.
    public func cellAttributes(x: Int, y: Int) -> (bold: Bool, underline: Bool, reverse: Bool, pair: Int32) {
        var cc = cchar_t()
        mvwin_wch(tb_stdscr(), Int32(y), Int32(x), &cc)
        var wch = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        var ext: Int32 = 0
        getcchar(&cc, &wch, &attrs, &pair, &ext)
        return (
            attrs & tb_A_BOLD() != 0, attrs & tb_A_UNDERLINE() != 0, attrs & tb_A_REVERSE() != 0,
            ext != 0 ? ext : Int32(pair)
        )
    }

    /// Feeds raw input into curses' queue (tests): characters via `unget_wch`, key codes via `ungetch`.
    func injectInput(_ items: [RawInput]) {
        // curses' push-back is a stack: push in reverse so they are read in order.
        for item in items.reversed() {
            switch item {
            case .char(let c): unget_wch(wchar_t(bitPattern: c))
            case .code(let k): ungetch(k)
            }
        }
    }

    /// Queues a mouse event as if the terminal had reported it (tests).
    func injectMouse(x: Int, y: Int, state: mmask_t) {
        var ev = MEVENT()
        ev.x = Int32(x)
        ev.y = Int32(y)
        ev.bstate = state
        ungetmouse(&ev)
    }
}

/// curses could not start.
public struct NCursesError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Environment without Foundation (TerminalNCurses stays small).
enum ProcessInfoLite {
    static var environment: [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
