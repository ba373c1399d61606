import Testing

@testable import TUIKit

@Suite struct CanvasTests {
    @Test func putReturnsColumnsAndClips() {
        var c = Canvas(width: 6, height: 2)
        #expect(c.put("hello world", x: 1, y: 0) == 5)
        #expect(c.textDump() == " hello\n")
        #expect(c.put("xyz", x: 0, y: 5) == 0)  // below: nothing
        #expect(c.put("abcdef", x: -2, y: 1) == 4)  // clipped on the left
        #expect(c.textDump() == " hello\ncdef")
    }

    @Test func wideCharactersOccupyTwoCellsAndNeverSplit() {
        var c = Canvas(width: 5, height: 1)
        let used = c.put("肺癌X", x: 0, y: 0)
        #expect(used == 5)
        #expect(c[0, 0].text == "肺")
        #expect(c[1, 0].text == "")
        #expect(c[2, 0].text == "癌")
        #expect(c[4, 0].text == "X")
        var d = Canvas(width: 5, height: 1)
        // Only one column left for a wide glyph: a space is drawn instead.
        #expect(d.put("abcd肺", x: 0, y: 0) == 5)
        #expect(d.textDump() == "abcd")
        #expect(d[4, 0].text == " ")
        var e = Canvas(width: 6, height: 1)
        e.put("肺癌", x: 0, y: 0, maxWidth: 3)
        #expect(e.textDump() == "肺")
        #expect(e[2, 0].text == " ")
    }

    @Test func combiningMarksStayWithTheirBase() {
        var c = Canvas(width: 6, height: 1)
        c.put("Ame\u{301}lie", x: 0, y: 0)
        #expect(c[2, 0].text == "e\u{301}")
        #expect(c[3, 0].text == "l")
        #expect(c.textDump() == "Ame\u{301}lie")
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var c = Canvas(width: 4, height: 1)
        c.put("肺癌", x: 0, y: 0)
        c.put("x", x: 1, y: 0)  // hits the right half of 肺
        #expect(c[0, 0].text == " ")
        #expect(c[1, 0].text == "x")
        c.put("y", x: 2, y: 0)  // hits the left half of 癌
        #expect(c[3, 0].text == " ")
        #expect(c.textDump() == " xy")
    }

    @Test func boxUsesLineCharactersAndTitle() {
        var c = Canvas(width: 12, height: 3)
        c.box(c.bounds, title: "Case")
        #expect(
            c.textDump() == """
                ┌─ Case ───┐
                │          │
                └──────────┘
                """)
        #expect(c.roleDump().split(separator: "\n")[0] == "bbTTTTTTbbbb")
    }

    @Test func asciiBoxForNonUTF8() {
        var c = Canvas(width: 4, height: 3, asciiOnly: true)
        c.box(c.bounds)
        #expect(c.textDump() == "+--+\n|  |\n+--+")
        c.put("é", x: 1, y: 1)
        #expect(c[1, 1].text == "?")
    }

    @Test func fillAndRoleDump() {
        var c = Canvas(width: 4, height: 2)
        c.fill(Rect(x: 1, y: 0, width: 2, height: 2), role: .selection)
        c.put("1", x: 0, y: 1, role: .tag)
        #expect(c.roleDump() == ".SS.\ngSS.")
        #expect(c.roleDump(legend: [.selection: "#"]) == ".##.\ng##.")
    }

    @Test func tinyCanvasesDoNotTrap() {
        var c = Canvas(width: 1, height: 1)
        c.box(c.bounds, title: "x")
        c.put("肺", x: 0, y: 0)
        #expect(c.textDump() == "")
        var z = Canvas(width: 0, height: 0)
        z.put("abc", x: 0, y: 0)
        z.fill(Rect(x: 0, y: 0, width: 5, height: 5))
        #expect(z.textDump() == "")
    }

    @Test func spansChangeRoles() {
        var c = Canvas(width: 10, height: 1)
        let used = c.put(spans: [Span("Lvl "), Span("1", role: .tag), Span(" ok", role: .success)], x: 0, y: 0)
        #expect(used == 8)
        #expect(c.roleDump() == "....gOOO..")
    }
}

@Suite struct RectTests {
    @Test func splitsAndInsets() {
        let r = Rect(width: 80, height: 24)
        let (top, bottom) = r.splitBottom(1)
        #expect(top.height == 23 && bottom.y == 23 && bottom.height == 1)
        let (l, rr) = r.splitHorizontally(leftWidth: 30, gap: 1)
        #expect(l.width == 30 && rr.x == 31 && rr.width == 49)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(Rect(width: 1, height: 1).inset(by: 1).isEmpty)
        #expect(r.centered(width: 20, height: 10) == Rect(x: 30, y: 7, width: 20, height: 10))
        #expect(r.columns(weights: [1, 1, 2], gap: 1).map(\.width) == [20, 19, 39])
    }
}
