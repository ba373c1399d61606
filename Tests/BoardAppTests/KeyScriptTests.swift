import BoardModel
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// Key scripts that drive the app through its screens, checking state rather than pixels.
@MainActor
@Suite("Key scripts")
struct KeyScriptTests {
    @Test func homeToMeetingToCaseAndBack() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48)
        #expect(app.stack.last is HomeScreen)
        app.handle(.char("j"))  // second meeting (the last past one)
        app.handle(.char("k"))
        app.handle(.enter)
        let meeting = try #require(app.stack.last as? MeetingScreen)
        #expect(meeting.meetingId == "M-2026-12-03-MTB")
        #expect(meeting.caseView?.caseId == "C-0003")
        app.handle(.down)
        #expect(meeting.caseView?.caseId == "C-0004")
        app.handle(.char("G"))
        #expect(meeting.caseView?.caseId == "C-0020")
        app.handle(.char("g"))
        app.handle(.tab)  // focus the case pane
        app.handle(.char("]"))
        #expect(meeting.caseView?.tabs.active == 1)
        app.handle(.char("["))
        app.handle(.char("6"))
        #expect(meeting.caseView?.tabs.active == 5)
        app.handle(.tab)
        app.handle(.enter)  // full-screen case
        let caseScreen = try #require(app.stack.last as? CaseScreen)
        #expect(caseScreen.view.caseId == "C-0003" && caseScreen.view.tabs.active == 5)
        app.handle(.escape)
        app.handle(.escape)
        #expect(app.stack.count == 1)
    }

    @Test func narrowMeetingShowsOnePaneAtATime() throws {
        let (app, terminal) = try SampleBoard.app(width: 80, height: 24)
        app.handle(.enter)
        _ = app.frame()
        #expect(terminal.size.width == 80)
        let meeting = try #require(app.stack.last as? MeetingScreen)
        #expect(meeting.focus == .agenda)
        app.handle(.enter)
        _ = app.frame()
        #expect(meeting.focus == .caseDetail)
        #expect(app.frame().textDump().contains("Summary"))
        app.handle(.escape)
        #expect(meeting.focus == .agenda && app.stack.count == 2)
    }

    @Test func searchJumpsToTheCase() throws {
        let (app, _) = try SampleBoard.app(width: 120, height: 40)
        app.press("/ostergaard<Enter>")
        let search = try #require(app.stack.last as? SearchScreen)
        #expect(search.hits.contains { $0.caseId == "C-0007" })
        let index = try #require(search.hits.firstIndex { $0.caseId == "C-0007" })
        for _ in 0..<index { app.handle(.down) }
        app.handle(.enter)
        #expect((app.stack.last as? CaseScreen)?.view.caseId == "C-0007")
    }

    @Test func commandLineAndThemes() throws {
        let (app, terminal) = try SampleBoard.app(width: 120, height: 40)
        app.press(":theme light<Enter>")
        #expect(app.themeName == "light")
        #expect(terminal.theme?.name == "light")
        app.run(.theme("no-such-theme"))
        #expect(app.themeName == "light")
        #expect(app.frame().textDump().contains("theme not found"))
        app.run(.meeting(nil))
        #expect((app.stack.last as? MeetingScreen)?.meetingId == "M-2026-12-03-MTB")
        app.run(.home)
        #expect(app.stack.count == 1)
        app.run(BoardCommand.parse("frobnicate"))
        #expect(app.frame().textDump().contains("Unknown command"))
        #expect(BoardCommand.parse("q") == .quit)
        #expect(BoardCommand.parse("case C-1") == .openCase("C-1"))
    }

    @Test func privacyToggleAndQuitThroughTheLoop() throws {
        let (app, terminal) = try SampleBoard.app(width: 100, height: 30)
        terminal.enqueue(.char("p"))
        terminal.enqueueResize(width: 60, height: 20)
        terminal.enqueue(.mouse(MouseEvent(x: 5, y: 3, kind: .wheelDown)))
        terminal.whenEmpty = .char("q")
        app.run()
        #expect(app.context.privacy)
        #expect(terminal.renderCount >= 3)
        #expect(terminal.screenText.contains("PRIVACY ON"))
    }

    @Test func terminationSignalEndsTheLoop() throws {
        let (app, terminal) = try SampleBoard.app()
        terminal.enqueue(.terminationRequested(signal: 1))
        app.run()
        #expect(app.terminationSignal == 1)
    }

    @Test func mouseClicksSelectAndOpen() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48)
        _ = app.frame()
        // Backlog pane starts at 45% of the width; its first row is y = 2.
        app.handle(.mouse(MouseEvent(x: 100, y: 3, kind: .press)))
        let home = try #require(app.stack.last as? HomeScreen)
        #expect(home.focus == .backlog && home.backlogList.selectedIndex == 1)
        app.handle(.mouse(MouseEvent(x: 100, y: 3, kind: .press)))
        #expect(app.stack.last is CaseScreen)
        _ = app.frame()
        // Click the "Notes" tab.
        let frame = app.frame()
        let tabRow = frame.rowText(2)
        let notesX = try #require(tabRow.range(of: "Notes")).lowerBound.utf16Offset(in: tabRow)
        app.handle(.mouse(MouseEvent(x: notesX + 1, y: 2, kind: .press)))
        #expect((app.stack.last as? CaseScreen)?.view.tabs.active == 3)
    }

    @Test func liveRefreshSeesAnotherConnectionsChange() throws {
        let dir = NSTemporaryDirectory() + "tb-live-" + UUID().uuidString
        let path = dir + "/board.sqlite"
        let first = try BoardStoreFactory.file(path)
        var clock = SampleBoard.now
        let terminal = FakeTerminal(width: 120, height: 40)
        let app = BoardApp(
            store: first, terminal: terminal, themes: SampleBoard.themes(), theme: .monochrome, clock: { clock })
        app.run(.openCase("C-0014"))
        #expect(!app.frame().textDump().contains("deferred"))
        // Another terminal (another connection to the same file) changes the case.
        let second = try BoardStoreFactory.open(path, user: "colleague")
        try second.setCaseStatus(caseId: "C-0014", to: .deferred)
        clock = clock.addingTimeInterval(1.5)
        app.tick()
        #expect(app.frame().textDump().contains("deferred"))
    }

    @Test func keyTableHasNoDuplicatesAndDrivesHelp() {
        #expect(KeyMap.global.duplicateKeys().isEmpty)
        // A long description wraps under itself: compare with the line breaks and indents taken out.
        let help = KeyMap.global.helpLines(width: 80).joined(separator: " ").split(separator: " ").joined(
            separator: " ")
        for binding in KeyMap.global.bindings { #expect(help.contains(binding.help), "\(binding.help)") }
    }
}
