import Testing

@testable import TUIKit

enum TestAction: Hashable, Sendable { case down, up, save, quit, help }

@Suite struct KeyTableTests {
    let table = KeyTable<TestAction>([
        KeyBinding([.char("j"), .down], .down, help: "Next case on the agenda", hint: "next", group: "Navigation"),
        KeyBinding([.char("k"), .up], .up, help: "Previous case", group: "Navigation"),
        KeyBinding(
            .ctrl("S"), .save, help: "Save the note and record the decision for this case now", hint: "save",
            group: "Case"),
        KeyBinding(.char("?"), .help, help: "Show this help", hint: "help", group: "Global"),
        KeyBinding([.char("q"), .ctrl("q")], .quit, help: "Quit", hint: "quit", group: "Global"),
    ])

    @Test func dispatch() {
        #expect(table.action(for: .char("j")) == .down)
        #expect(table.action(for: .down) == .down)
        #expect(table.action(for: .ctrl("s")) == .save)  // stored normalised
        #expect(table.action(for: .ctrl("S")) == .save)
        #expect(table.action(for: .char("x")) == nil)
        #expect(table.duplicateKeys().isEmpty)
        let overriding = KeyTable<TestAction>([KeyBinding(.char("q"), .help, help: "x")]) + table
        #expect(overriding.action(for: .char("q")) == .help)
        #expect(overriding.duplicateKeys() == [.char("q")])
    }

    @Test func helpLinesGroupedAndAligned() {
        let lines = table.helpLines(width: 40)
        #expect(
            lines == [
                "Navigation",
                "  j, ↓       Next case on the agenda",
                "  k, ↑       Previous case",
                "",
                "Case",
                "  Ctrl-S     Save the note and record",
                "             the decision for this case",
                "             now",
                "",
                "Global",
                "  ?          Show this help",
                "  q, Ctrl-Q  Quit",
            ])
        #expect(lines.allSatisfy { displayWidth(of: $0) <= 40 })
    }

    @Test func hintsComeFromTheSameTable() {
        let hints = table.hints()
        #expect(hints.map(\.keys) == ["j", "Ctrl-S", "?", "q"])
        #expect(hints.map(\.label) == ["next", "save", "help", "quit"])
        var c = Canvas(width: 60, height: 1)
        StatusBar(hints: hints).render(into: &c, rect: c.bounds)
        #expect(c.textDump() == "j next  Ctrl-S save  ? help  q quit")
    }

    @Test func keyLabels() {
        #expect(Key.char("j").label == "j")
        #expect(Key.down.label == "↓")
        #expect(Key.ctrl("s").label == "Ctrl-S")
        #expect(Key.pageDown.label == "PgDn")
        #expect(Key.tab.label == "Tab")
        #expect(Key.char("?").label == "?")
        #expect(Key.char(" ").label == "Space")
        #expect(Key.function(5).label == "F5")
        #expect(Key.down.asciiLabel == "Down")
    }
}
