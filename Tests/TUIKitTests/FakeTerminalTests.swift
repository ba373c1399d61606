import Testing

@testable import TUIKit

@Suite struct FakeTerminalTests {
    @Test func scriptedKeysThenTimeouts() {
        let t = FakeTerminal(width: 20, height: 5)
        t.type("ab")
        t.enqueue(.down, .ctrl("s"))
        #expect(t.readKey(timeoutMilliseconds: 100) == .char("a"))
        #expect(t.readKey(timeoutMilliseconds: 100) == .char("b"))
        #expect(t.readKey(timeoutMilliseconds: 100) == .down)
        #expect(t.readKey(timeoutMilliseconds: 100) == .ctrl("s"))
        #expect(t.readKey(timeoutMilliseconds: 250) == nil)
        #expect(t.timeoutCount == 1)
        #expect(t.requestedTimeouts.last == 250)
        t.whenEmpty = .char("q")
        #expect(t.readKey(timeoutMilliseconds: 0) == .char("q"))
    }

    @Test func resizeChangesSizeAndEmitsResize() {
        let t = FakeTerminal(width: 80, height: 24)
        t.enqueue(.char("x"))
        t.resize(width: 40, height: 10)
        #expect(t.size == (40, 10))
        #expect(t.readKey(timeoutMilliseconds: 0) == .resize)
        #expect(t.readKey(timeoutMilliseconds: 0) == .char("x"))
        t.enqueueResize(width: 1, height: 1)
        #expect(t.size == (40, 10))
        #expect(t.readKey(timeoutMilliseconds: 0) == .resize)
        #expect(t.size == (1, 1))
        #expect(t.makeCanvas().width == 1)
    }

    @Test func keepsLastCanvasAndCounts() {
        let t = FakeTerminal(width: 10, height: 2, isUTF8: false)
        var c = t.makeCanvas()
        #expect(c.asciiOnly)
        c.put("hello", x: 0, y: 0)
        t.render(c)
        t.render(c)
        #expect(t.renderCount == 2)
        #expect(t.screenText == "hello\n")
        t.suspend()
        t.resume()
        t.shutdown()
        #expect(t.suspendCount == 1 && t.resumeCount == 1 && t.isShutDown)
    }

    @Test func colourlessTerminalStripsColours() throws {
        let t = FakeTerminal(supportsColor: false)
        t.apply(theme: Theme(name: "x", styles: [.selection: Style(fg: .red, bold: true)]))
        #expect(t.theme?[.selection] == Style(bold: true))
    }
}
