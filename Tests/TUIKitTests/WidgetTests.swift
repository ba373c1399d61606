import Testing

@testable import TUIKit

@Suite struct ListViewTests {
    @Test func navigationClampsAndScrolls() {
        var l = ListView(count: 20, viewportRows: 5)
        l.moveDown()
        #expect(l.selection == 1 && l.offset == 0)
        l.pageDown()
        #expect(l.selection == 5 && l.offset == 1)
        l.end()
        #expect(l.selection == 19 && l.offset == 15)
        l.moveDown()
        #expect(l.selection == 19)
        l.home()
        #expect(l.selection == 0 && l.offset == 0)
        l.moveUp()
        #expect(l.selection == 0)
    }

    @Test func clickAndWheel() {
        var l = ListView(count: 20, viewportRows: 5)
        let rect = Rect(x: 2, y: 3, width: 10, height: 5)
        let hit = l.handle(.mouse(MouseEvent(x: 4, y: 6, kind: .press)), in: rect)
        #expect(hit)
        #expect(l.selection == 3)
        let miss = l.handle(.mouse(MouseEvent(x: 40, y: 6, kind: .press)), in: rect)
        #expect(!miss)
        l.handle(.mouse(MouseEvent(x: 4, y: 6, kind: .wheelDown)), in: rect)
        #expect(l.offset == 3)
        #expect(l.visibleRange.contains(l.selection))
        #expect(l.index(atRow: 0) == 3)
        #expect(l.index(atRow: 5) == nil)
    }

    @Test func emptyAndShrinking() {
        var l = ListView(count: 0)
        #expect(l.selectedIndex == nil)
        l.moveDown()
        #expect(l.selectedIndex == nil)
        l.setCount(10)
        l.end()
        l.setCount(3)
        #expect(l.selection == 2)
    }

    @Test func renderHighlightsSelection() {
        var l = ListView(count: 3)
        l.select(1)
        var c = Canvas(width: 8, height: 3)
        l.render(into: &c, rect: c.bounds, items: ["alpha", "beta", "gamma"])
        #expect(c.textDump() == "alpha\nbeta\ngamma")
        #expect(c.roleDump() == "........\nSSSSSSSS\n........")
        l.render(into: &c, rect: c.bounds, focused: false, items: ["alpha", "beta", "gamma"])
        #expect(c.roleDump().split(separator: "\n")[1] == "iiiiiiii")
    }

    @Test func scrollbarWhenOverflowing() {
        var l = ListView(count: 10)
        var c = Canvas(width: 6, height: 3)
        l.render(into: &c, rect: c.bounds, items: (0..<10).map { "item\($0)" })
        #expect(l.viewportRows == 3)
        #expect(c.textDump() == "item0█\nitem1│\nitem2│")
    }
}

@Suite struct TableTests {
    let columns = [
        Table.Column("Gene", minWidth: 6), Table.Column("Variant", minWidth: 6, flex: 1),
        Table.Column("Lvl", minWidth: 3, alignment: .right),
    ]

    @Test func columnWidthsUseMinThenFlex() {
        let t = Table(columns: columns)
        #expect(t.columnWidths(totalWidth: 30) == [6, 19, 3])
        #expect(t.columnWidths(totalWidth: 10) == [6, 2, 0])
        var capped = columns
        capped[1].maxWidth = 10
        #expect(Table(columns: capped).columnWidths(totalWidth: 30) == [6, 10, 3])
    }

    @Test func rendersHeaderRowsAndTruncation() {
        var t = Table(
            columns: columns,
            rows: [
                ["EGFR", "p.L858R", Table.Cell("1", role: .tag)],
                ["KRAS", "p.G12C (exon 2, codon 12)", Table.Cell("3A", role: .warning)],
            ])
        var c = Canvas(width: 22, height: 3)
        t.render(into: &c, rect: c.bounds)
        #expect(
            c.textDump() == """
                Gene   Variant     Lvl
                EGFR   p.L858R       1
                KRAS   p.G12C (ex…  3A
                """)
        let roles = c.roleDump().split(separator: "\n")
        #expect(roles[0] == "HHHHHHHHHHHHHHHHHHHHHH")
        #expect(roles[1].allSatisfy { $0 == "S" })  // selected row painted as selection
        #expect(roles[2].suffix(3) == "WWW")
        t.list.moveDown()
        #expect(t.selectedRow == 1)
        #expect(t.rowIndex(x: 3, y: 1, in: c.bounds) == 0)
        #expect(t.rowIndex(x: 3, y: 0, in: c.bounds) == nil)
    }
}

@Suite struct TabBarTests {
    @Test func renderAndHitTest() {
        var tabs = TabBar(titles: ["Summary", "Findings", "Trials"])
        var c = Canvas(width: 40, height: 1)
        tabs.render(into: &c, rect: c.bounds)
        #expect(c.textDump() == " Summary │ Findings │ Trials")
        #expect(c.roleDump().prefix(9) == "AAAAAAAAA")
        #expect(tabs.hitTest(x: 12, y: 0, in: c.bounds) == 1)
        #expect(tabs.hitTest(x: 9, y: 0, in: c.bounds) == nil)  // separator
        let changed = tabs.handle(.mouse(MouseEvent(x: 25, y: 0, kind: .click)), in: c.bounds)
        #expect(changed)
        #expect(tabs.active == 2)
        tabs.next()
        #expect(tabs.active == 0)
        tabs.previous()
        #expect(tabs.active == 2)
    }

    @Test func narrowBarTruncates() {
        let tabs = TabBar(titles: ["Summary", "Findings", "Trials"])
        var c = Canvas(width: 20, height: 1)
        tabs.render(into: &c, rect: c.bounds)
        #expect(displayWidth(of: c.textDump()) <= 20)
        #expect(c.textDump().contains("…"))
    }
}

@Suite struct TextViewTests {
    @Test func wrapsAndScrolls() {
        var tv = TextView(text: "one two three four five six seven")
        var c = Canvas(width: 10, height: 2)
        tv.render(into: &c, rect: c.bounds)
        #expect(c.textDump() == "one two\nthree four")
        tv.handle(.pageDown)
        tv.render(into: &c, rect: c.bounds)
        #expect(c.textDump() == "three four\nfive six")
        tv.handle(.end)
        tv.render(into: &c, rect: c.bounds)
        #expect(c.textDump() == "five six\nseven")
        tv.handle(.home)
        #expect(tv.offset == 0)
    }

    @Test func linesKeepRoles() {
        var tv = TextView(lines: [TextView.Line("Warning text here", role: .warning)])
        var c = Canvas(width: 8, height: 2)
        tv.render(into: &c, rect: c.bounds)
        #expect(c.roleDump() == "WWWWWWW.\nWWWW....")
    }
}

@Suite struct StatusBarTests {
    @Test func hintsDropWhenNarrow() {
        let bar = StatusBar(
            left: "Board 12", right: "10:42", hints: [(keys: "q", label: "quit"), (keys: "?", label: "help")])
        var c = Canvas(width: 40, height: 1)
        bar.render(into: &c, rect: c.bounds)
        #expect(c.textDump() == "Board 12  q quit  ? help           10:42")
        #expect(c.roleDump() == "ssssssssssksssssssksssssssssssssssssssss")
        var n = Canvas(width: 22, height: 1)
        bar.render(into: &n, rect: n.bounds)
        #expect(n.textDump() == "Board 12  q quit 10:42")
    }
}

@Suite struct ModalTests {
    @Test func renderAndButtons() {
        var m = Modal(title: "Unsaved note", body: ["Save the note before leaving?"], buttons: ["Save", "Discard"])
        var c = Canvas(width: 50, height: 9)
        let r = m.render(into: &c, screen: c.bounds)
        #expect(c.textDump().contains("┌─ Unsaved note "))
        #expect(c.textDump().contains("Save the note before leaving?"))
        #expect(c.textDump().contains("[ Save ]  [ Discard ]"))
        let moved = m.handle(.right)
        #expect(moved == .moved)
        #expect(m.selectedButton == 1)
        let chosen = m.handle(.enter)
        #expect(chosen == .chosen(1))
        let cancelled = m.handle(.escape)
        #expect(cancelled == .cancelled)
        let save = m.buttonRects(in: r)[0]
        let clicked = m.handle(.mouse(MouseEvent(x: save.x + 1, y: save.y, kind: .click)), in: r)
        #expect(clicked == .chosen(0))
    }
}

@Suite struct TextFieldTests {
    @Test func editingKeys() {
        var f = TextField()
        for ch in "tumor" { f.handle(.char(ch)) }
        f.handle(.left)
        f.handle(.left)
        f.handle(.char("X"))
        #expect(f.text == "tumXor")
        f.handle(.backspace)
        f.handle(.delete)
        #expect(f.text == "tumr")
        f.handle(.ctrl("a"))
        #expect(f.cursor == 0)
        f.handle(.ctrl("e"))
        #expect(f.cursor == 4)
        f.handle(.home)
        f.handle(.right)
        f.handle(.ctrl("k"))
        #expect(f.text == "t")
        f.setText("abc def")
        f.handle(.left)
        f.handle(.left)
        f.handle(.left)
        f.handle(.ctrl("u"))
        #expect(f.text == "def" && f.cursor == 0)
        let usedEnter = f.handle(.enter)
        #expect(!usedEnter)
    }

    @Test func unicodeCursorAndPaste() {
        var f = TextField()
        f.handle(.paste("肺癌\nMüller"))
        #expect(f.text == "肺癌 Müller")
        #expect(f.cursorColumn == 11)
        f.handle(.home)
        f.handle(.right)
        #expect(f.cursorColumn == 2)
        f.handle(.backspace)
        #expect(f.text == "癌 Müller")
        // A combining mark typed after "e" joins it.
        var g = TextField(text: "Ame")
        g.handle(.char("\u{301}"))
        #expect(g.text == "Ame\u{301}" && g.cursor == 3)
    }

    @Test func horizontalScrollByDisplayWidth() {
        var f = TextField(text: "abcdefghij肺癌")
        var c = Canvas(width: 6, height: 1)
        f.render(into: &c, rect: c.bounds)
        #expect(c.cursor == Point(x: 5, y: 0))
        #expect(c.textDump() == "j肺癌")  // one cell left for the cursor after the end
        f.handle(.home)
        f.render(into: &c, rect: c.bounds)
        #expect(c.textDump() == "abcdef")
        #expect(c.cursor == Point(x: 0, y: 0))
    }

    @Test func placeholderWhenEmpty() {
        var f = TextField(placeholder: "Search cases")
        var c = Canvas(width: 20, height: 1)
        f.render(into: &c, rect: c.bounds, focused: false)
        #expect(c.textDump() == "Search cases")
        #expect(c.roleDump().hasPrefix("pppp"))
        #expect(c.cursor == nil)
    }
}
