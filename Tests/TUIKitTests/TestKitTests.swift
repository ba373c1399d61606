import TUIKit
import TestSupport
import Testing

/// The shared test kit itself: key scripts parse as documented and a snapshot difference names the line.
@Suite("Test kit")
struct TestKitTests {
    @Test func keyScriptsSpellNamedKeysInAngleBrackets() {
        #expect(KeyScript.keys("jk") == [.char("j"), .char("k")])
        #expect(KeyScript.keys(":q<Enter>") == [.char(":"), .char("q"), .enter])
        #expect(
            KeyScript.keys("<Esc><S-Tab><C-s><F5><lt>") == [.escape, .backTab, .ctrl("s"), .function(5), .char("<")])
        // An unknown name is typed as it stands, so a typo shows in the screen rather than vanishing.
        #expect(KeyScript.keys("<nope>").count == 6)
    }

    @Test func aFakeTerminalTakesAScript() {
        let terminal = FakeTerminal()
        terminal.enqueue(script: "a<Down>")
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .char("a"))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .down)
    }

    @Test func aSnapshotDifferenceNamesTheFirstDifferingLine() {
        #expect(Snapshot.firstDifference(stored: "a\nb", actual: "a\nb", name: "x") == nil)
        let difference = Snapshot.firstDifference(stored: "a\nb\nc", actual: "a\nB\nc", name: "x")
        #expect(difference?.contains("line 2") == true)
        #expect(difference?.contains("stored: b") == true && difference?.contains("actual: B") == true)
        #expect(Snapshot.firstDifference(stored: "a", actual: "a\nmore", name: "x")?.contains("<none>") == true)
    }
}
