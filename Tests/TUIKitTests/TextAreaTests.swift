import Testing

@testable import TUIKit

@Suite("TextArea")
struct TextAreaTests {
    @Test func typingNewlinesAndBackspaceJoin() {
        var area = TextArea()
        for key: Key in [.char("a"), .char("b"), .enter, .char("c")] { area.handle(key) }
        #expect(area.text == "ab\nc")
        area.handle(.home)
        area.handle(.backspace)
        #expect(area.text == "abc")
        #expect(area.line == 0 && area.column == 2)
    }

    @Test func accentsCJKAndCombiningMarksStayWhole() {
        var area = TextArea(text: "Zoë 山田")
        area.handle(.left)
        area.handle(.backspace)
        #expect(area.text == "Zoë 田")
        var combining = TextArea(text: "e")
        combining.insert("\u{301}")
        #expect(combining.text == "e\u{301}")
        #expect(combining.lines[0].count == 1 && combining.column == 1)
    }

    @Test func pasteOfMultipleLinesIsOneInsertWithCRLFNormalised() {
        var area = TextArea(text: "x")
        area.handle(.paste("one\r\ntwo\rthree"))
        #expect(area.text == "xone\ntwo\nthree")
        #expect(area.line == 2 && area.column == 5)
    }

    @Test func wordWrapByDisplayWidthAndVerticalMovesByScreenRow() {
        var area = TextArea(text: "alpha beta gamma delta")
        let rows = area.layout(width: 11)
        #expect(rows.map { String(area.lines[0][$0.start..<$0.end]) } == ["alpha beta ", "gamma delta"])
        var canvas = Canvas(width: 12, height: 3)
        area.render(into: &canvas, rect: Rect(x: 0, y: 0, width: 12, height: 3))
        #expect(canvas.textDump().hasPrefix("alpha beta\ngamma delta"))
        #expect(canvas.cursor == Point(x: 11, y: 1))
        area.handle(.up)
        #expect(area.column == 11)  // end of "alpha beta " row, same display column clamped
        area.handle(.ctrl("a"))
        #expect(area.column == 0)
        area.handle(.ctrl("e"))
        #expect(area.column == 22)
        let cjk = TextArea(text: "山田太郎山田")
        #expect(cjk.layout(width: 5).map { $0.end - $0.start } == [2, 2, 2])
    }

    @Test func wordJumps() {
        var area = TextArea(text: "KRAS G12C, STK11")
        area.handle(.alt("b"))
        #expect(area.column == 11)
        area.handle(.alt("b"))
        #expect(area.column == 5)
        area.handle(.alt("f"))
        #expect(area.column == 9)
    }

    @Test func killLineAndScreenKeysAreLeftAlone() {
        var area = TextArea(text: "keep this")
        area.handle(.home)
        area.handle(.alt("f"))
        area.handle(.ctrl("k"))
        #expect(area.text == "keep")
        #expect(area.handle(.ctrl("s")) == false)
        #expect(area.handle(.escape) == false)
    }
}
