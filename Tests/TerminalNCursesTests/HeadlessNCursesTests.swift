import CNCursesW
import TUIKit
import Testing

@testable import TerminalNCurses

#if canImport(Glibc)
    import Glibc
#endif

/// Real ncurses on /dev/null. curses state is process-global, hence one serialized suite.
@Suite(.serialized) struct HeadlessNCursesTests {
    @Test func sizeComesFromTheHeadlessGeometry() throws {
        let t = try NCursesTerminal(headless: (width: 30, height: 6))
        defer { t.shutdown() }
        #expect(t.size == (30, 6))
        #expect(t.isUTF8)
    }

    @Test func accentsCJKAndCombiningMarksLandInTheRightColumns() throws {
        let t = try NCursesTerminal(headless: (width: 24, height: 4))
        defer { t.shutdown() }
        var c = t.makeCanvas()
        c.put("Müller", x: 0, y: 0)
        c.put("肺癌|x", x: 2, y: 1)
        c.put("Ame\u{301}lie|", x: 0, y: 2)
        c.put("🧬|", x: 3, y: 3)
        t.render(c)
        let screen = t.screenText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(screen[0] == "Müller")
        #expect(screen[1] == "  肺癌|x")
        #expect(screen[2] == "Ame\u{301}lie|")
        #expect(screen[3] == "   🧬|")
        #expect(t.screenText() == c.textDump())
        // The '|' after two wide glyphs sits in column 6 of curses' own grid.
        var cc = cchar_t()
        mvwin_wch(tb_stdscr(), 1, 6, &cc)
        var wch = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        getcchar(&cc, &wch, &attrs, &pair, nil)
        #expect(wch[0] == wchar_t(UInt8(ascii: "|")))
    }

    @Test func boxIsRealLineCharacters() throws {
        let t = try NCursesTerminal(headless: (width: 10, height: 3))
        defer { t.shutdown() }
        var c = t.makeCanvas()
        c.box(c.bounds, title: "Hi")
        t.render(c)
        #expect(t.screenText() == "┌─ Hi ───┐\n│        │\n└────────┘")
    }

    @Test func diffRenderingUpdatesOnlyChangedCellsCorrectly() throws {
        let t = try NCursesTerminal(headless: (width: 12, height: 2))
        defer { t.shutdown() }
        var c = t.makeCanvas()
        c.put("肺癌 abc", x: 0, y: 0)
        c.put("same", x: 0, y: 1)
        t.render(c)
        // Replace a wide glyph by narrow ones and shift text.
        c.put("xy", x: 0, y: 0)
        c.put("Z肺", x: 5, y: 0)
        t.render(c)
        #expect(t.screenText() == c.textDump())
        #expect(t.screenText() == "xy癌 Z肺\nsame")
    }

    @Test func tinySizesDoNotCrash() throws {
        let t = try NCursesTerminal(headless: (width: 1, height: 1))
        defer { t.shutdown() }
        var c = t.makeCanvas()
        c.box(c.bounds, title: "x")
        c.put("肺", x: 0, y: 0)
        t.render(c)
        // A canvas larger than the screen is clipped.
        var big = Canvas(width: 5, height: 5)
        big.put("hello", x: 0, y: 0)
        t.render(big)
        #expect(t.screenText() == "h")
    }

    @Test func themeAttributesReachCurses() throws {
        let t = try NCursesTerminal(headless: (width: 10, height: 2))
        defer { t.shutdown() }
        t.apply(
            theme: Theme(
                name: "t", styles: [.selection: Style(fg: .black, bg: .cyan, reverse: true), .title: Style(bold: true)])
        )
        var c = t.makeCanvas()
        c.put("sel", x: 0, y: 0, role: .selection)
        c.put("T", x: 0, y: 1, role: .title)
        c.put("u", x: 1, y: 1, underline: true)
        t.render(c)
        let sel = t.cellAttributes(x: 0, y: 0)
        #expect(sel.reverse)
        #expect(t.cellAttributes(x: 0, y: 1).bold)
        #expect(t.cellAttributes(x: 1, y: 1).underline)
        #expect(!t.cellAttributes(x: 5, y: 0).reverse)
        if getenv("NO_COLOR") == nil {
            #expect(t.supportsColor)
            #expect(sel.pair > 0)
            #expect(t.cellAttributes(x: 0, y: 1).pair == 0)  // bold only, no colours
        }
    }

    @Test func noColorAndDumbTerminalsFallBackToMonochrome() throws {
        let had = getenv("NO_COLOR").map { String(cString: $0) }
        setenv("NO_COLOR", "", 1)
        defer { if let had { setenv("NO_COLOR", had, 1) } else { unsetenv("NO_COLOR") } }
        let t = try NCursesTerminal(headless: (width: 10, height: 2))
        defer { t.shutdown() }
        #expect(!t.supportsColor)
        t.apply(theme: Theme(name: "c", styles: [.selection: Style(fg: .red, bg: .blue)]))
        #expect(t.activeTheme == .monochrome)
        var c = t.makeCanvas()
        c.put("x", x: 0, y: 0, role: .selection)
        t.render(c)
        let a = t.cellAttributes(x: 0, y: 0)
        #expect(a.reverse && a.pair == 0)
    }

    @Test func vt100IsMonochrome() throws {
        let t = try NCursesTerminal(headless: (width: 10, height: 2), term: "vt100")
        defer { t.shutdown() }
        #expect(!t.supportsColor)
    }

    @Test func asciiWhenLocaleIsNotUTF8() throws {
        let t = try NCursesTerminal(headless: (width: 6, height: 3), locale: "C")
        defer { t.shutdown() }
        #expect(!t.isUTF8)
        var c = t.makeCanvas()
        #expect(c.asciiOnly)
        c.box(c.bounds)
        t.render(c)
        #expect(t.screenText() == "+----+\n|    |\n+----+")
        // A Unicode canvas given anyway is drawn with ASCII stand-ins.
        var u = Canvas(width: 6, height: 1)
        u.box(Rect(x: 0, y: 0, width: 6, height: 1))
        t.render(u)
        #expect(t.screenText().hasPrefix("------"))
    }

    @Test func inputThroughCurses() throws {
        let t = try NCursesTerminal(headless: (width: 20, height: 5))
        defer { t.shutdown() }
        t.injectInput([.char(UInt32(UInt8(ascii: "j"))), .code(KEY_DOWN), .char(0x80A3), .code(KEY_RESIZE), .char(19)])
        #expect(t.readKey(timeoutMilliseconds: 0) == .char("j"))
        #expect(t.readKey(timeoutMilliseconds: 0) == .down)
        #expect(t.readKey(timeoutMilliseconds: 0) == .char("肣"))
        #expect(t.readKey(timeoutMilliseconds: 0) == .resize)
        #expect(t.readKey(timeoutMilliseconds: 0) == .ctrl("s"))
        #expect(t.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test func mouseThroughCurses() throws {
        let t = try NCursesTerminal(headless: (width: 20, height: 5))
        defer { t.shutdown() }
        t.injectMouse(x: 3, y: 2, state: tb_BUTTON1_PRESSED())
        #expect(t.readKey(timeoutMilliseconds: 0) == .mouse(MouseEvent(x: 3, y: 2, kind: .press)))
        t.injectMouse(x: 4, y: 1, state: tb_BUTTON4_PRESSED())
        #expect(t.readKey(timeoutMilliseconds: 0) == .mouse(MouseEvent(x: 4, y: 1, kind: .wheelUp)))
        t.injectMouse(x: 4, y: 1, state: tb_BUTTON5_PRESSED())
        #expect(t.readKey(timeoutMilliseconds: 0) == .mouse(MouseEvent(x: 4, y: 1, kind: .wheelDown)))
    }

    @Test func shutdownTwiceIsSafe() throws {
        let t = try NCursesTerminal(headless: (width: 10, height: 2))
        t.shutdown()
        t.shutdown()
        #expect(t.size == (0, 0))
        t.render(Canvas(width: 10, height: 2))  // ignored, no crash
        #expect(t.readKey(timeoutMilliseconds: 0) == nil)
    }
}
