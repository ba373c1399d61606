import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// Meeting preparation and meeting mode: snapshots, key scripts, and timers on an injected clock.
@MainActor
@Suite("Meeting screens")
struct MeetingScreenTests {
    @MainActor final class Clock { var now = Date(timeIntervalSince1970: 1_795_770_000) }
    static let upcoming = "M-2026-12-03-MTB"

    func app(width: Int = 160, height: Int = 48) throws -> (BoardApp, Clock) {
        let (app, _) = try SampleBoard.app(width: width, height: height)
        let clock = Clock()
        app.context.clock = { clock.now }
        return (app, clock)
    }

    /// The upcoming meeting opened in meeting mode and started at 15:00 by the injected clock.
    func startedMeetingMode() throws -> (BoardApp, Clock) {
        let (app, clock) = try app()
        app.handle(.enter)
        app.handle(.char("M"))
        clock.now = InstantFormat.parse("2026-12-03T15:00:00Z")!
        app.handle(.char("s"))
        return (app, clock)
    }

    @Test(arguments: [(80, 24), (160, 48)]) func preparationScreen(width: Int, height: Int) throws {
        let (app, _) = try app(width: width, height: height)
        app.handle(.enter)  // the upcoming meeting
        app.handle(.char("P"))
        #expect(app.stack.last is MeetingPrepScreen)
        expectSnapshot(app, "meeting-prep-\(width)x\(height)")
    }

    @Test func preparationAddsMarkedCasesReordersAndSetsMinutes() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        let meeting = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: InstantFormat.parse("2026-12-17T15:00:00Z")!), now: SampleBoard.now
        )
        app.apply(.push(MeetingPrepScreen(meetingId: meeting.id)))
        let screen = try #require(app.stack.last as? MeetingPrepScreen)
        // The deferred case from the last meeting is offered first.
        #expect(screen.candidates.first?.headline.id == "C-0016")
        #expect(screen.candidates.first?.reason?.hasPrefix("deferred") == true)
        app.handle(.tab)  // backlog
        app.handle(.char(" "))  // mark C-0016, move down
        app.handle(.char(" "))  // mark the next one
        let second = screen.candidates[1].headline.id
        app.handle(.char("a"))
        #expect(try store.agenda(meetingId: meeting.id).map(\.item.caseId) == ["C-0016", second])
        app.handle(.backTab)  // agenda
        app.handle(.char("G"))  // last row
        app.handle(.char("K"))  // move it up
        #expect(try store.agenda(meetingId: meeting.id).map(\.item.caseId) == [second, "C-0016"])
        app.handle(.char("t"))
        app.handle(.ctrl("u"))
        app.type("15")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.plannedMinutes == 15)
        app.handle(.char("L"))
        app.type("Room 4 and https://video.example/board")
        app.handle(.enter)
        #expect(try store.meeting(id: meeting.id)?.location == "Room 4 and https://video.example/board")
        app.handle(.char("A"))
        app.type("Ruth Adeyemi:medical-oncology")
        app.handle(.enter)
        #expect(try store.meeting(id: meeting.id)?.roster.map(\.name) == ["Ruth Adeyemi"])
        let readiness = app.frame().textDump()
        #expect(readiness.contains("ready") || readiness.contains("missing"))
    }

    /// Issue 15, bug 2: the minutes prompt is not pre-filled, so typing 12 gives 12 (not 1012); Enter alone keeps
    /// the value, "-" clears it, and the store refuses minutes outside 1–240 from any caller.
    @Test func plannedMinutesPromptStartsEmptyAndStoreKeepsTheRange() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        let meeting = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: InstantFormat.parse("2026-12-17T15:00:00Z")!), now: SampleBoard.now
        )
        let caseId = try #require(try store.backlog(limit: 1).first?.id)
        try store.addToAgenda(meetingId: meeting.id, caseIds: [caseId], now: SampleBoard.now)
        app.apply(.push(MeetingPrepScreen(meetingId: meeting.id)))
        app.handle(.char("t"))
        app.type("12")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.plannedMinutes == 12)
        app.handle(.char("t"))
        app.type("20")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.plannedMinutes == 20)
        app.handle(.char("t"))
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.plannedMinutes == 20)
        app.handle(.char("t"))
        app.type("900")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.plannedMinutes == 20)
        #expect(app.frame().textDump().contains("1–240"))
        // The refused value stays in the prompt to be corrected (issue 15: prompts keep what was typed).
        #expect(app.prompt?.field.text == "900")
        app.handle(.escape)
        app.handle(.char("t"))
        app.type("-")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.plannedMinutes == nil)
        #expect(throws: StoreError.self) {
            try store.setAgendaItem(meetingId: meeting.id, caseId: caseId, plannedMinutes: .some(5000))
        }
        #expect(throws: StoreError.self) {
            try store.setAgendaItem(meetingId: meeting.id, caseId: caseId, plannedMinutes: .some(0))
        }
    }

    /// Issue 15, bug 6: on the Prepare screen h/l (and the arrows) switch panes as the help says, so `r` sets the
    /// presenter of the agenda case and not of whatever the other pane shows.
    @Test func preparationPanesSwitchWithHAndL() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        let meeting = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: InstantFormat.parse("2026-12-17T15:00:00Z")!), now: SampleBoard.now
        )
        app.apply(.push(MeetingPrepScreen(meetingId: meeting.id)))
        let screen = try #require(app.stack.last as? MeetingPrepScreen)
        app.handle(.char("l"))
        #expect(screen.focus == .backlog)
        let first = screen.candidates[0].headline.id
        app.handle(.char("a"))  // adds the selected backlog case
        #expect(try store.agenda(meetingId: meeting.id).map(\.item.caseId) == [first])
        app.handle(.right)
        #expect(screen.focus == .roster)
        app.handle(.char("h"))
        app.handle(.left)
        #expect(screen.focus == .agenda)
        app.handle(.char("r"))
        app.handle(.ctrl("u"))
        app.type("Yusuf Demir")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.presenter == "Yusuf Demir")
    }

    /// Issue 15, bugs 4 and 9: a closed meeting is not "upcoming" even when its start is still ahead; the backlog
    /// heading counts every case (not the page listed); search says "1 result"; "brueckner" finds Brückner.
    @Test func homeListsClosedMeetingsAsPastCountsTheBacklogAndSearchFoldsUmlauts() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        let meeting = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: InstantFormat.parse("2026-12-24T15:00:00Z")!), now: SampleBoard.now
        )
        try store.closeMeeting(id: meeting.id, now: SampleBoard.now)
        app.handle(.ctrl("l"))
        let home = try #require(app.stack.last as? HomeScreen)
        #expect(!home.upcoming.map(\.id).contains(meeting.id))
        #expect(home.past.map(\.id).contains(meeting.id))
        #expect(home.backlogTotal == (try store.backlogCount()))
        #expect(try store.backlogCount() == (try store.backlog(limit: 100_000).count))
        let hits = try store.search("brueckner")
        #expect(hits.contains { $0.kind == "case" && $0.title.contains("Brückner") })
        app.handle(.char("/"))
        app.type("brueckner")
        app.handle(.enter)
        let search = try #require(app.stack.last as? SearchScreen)
        #expect(search.hits.count == 1)
        #expect(app.frame().textDump().contains("1 result for “brueckner”"))
    }

    /// Issue 15, bug 5 (in part): reopening meeting mode carries on at the first pending case, not case 1 again.
    @Test func reopenedMeetingModeStartsAtTheFirstPendingCase() throws {
        let (app, clock) = try startedMeetingMode()
        let store = app.sqliteStore
        app.handle(.char("d"))  // case 1 discussed
        clock.now += 90
        app.handle(.escape)
        let spent = try store.agenda(meetingId: Self.upcoming)[0].item.secondsSpent
        app.handle(.char("M"))
        let screen = try #require(app.stack.last as? MeetingModeScreen)
        #expect(screen.current?.item.caseId == "C-0004")
        clock.now += 60
        app.handle(.escape)
        #expect(try store.agenda(meetingId: Self.upcoming)[0].item.secondsSpent == spent)
    }

    /// Issue 15, bug 3: back from meeting mode, the Prepare screen shows the meeting running (no Ctrl-L needed).
    @Test func backFromMeetingModeThePreparationIsCurrent() throws {
        let (app, clock) = try app()
        app.handle(.enter)
        app.handle(.char("P"))
        #expect(app.frame().textDump().contains("· planned ·"))
        app.handle(.char("M"))
        clock.now = InstantFormat.parse("2026-12-03T15:00:00Z")!
        app.handle(.char("s"))
        app.handle(.escape)
        #expect(app.stack.last is MeetingPrepScreen)
        let text = app.frame().textDump()
        #expect(text.contains("· in-progress ·") && !text.contains("· planned ·"))
    }

    @Test func meetingModeTimersUseTheInjectedClock() throws {
        let (app, clock) = try app()
        let store = app.sqliteStore
        app.handle(.enter)
        app.handle(.char("M"))
        let screen = try #require(app.stack.last as? MeetingModeScreen)
        #expect(app.frame().textDump().contains("not started"))
        clock.now = InstantFormat.parse("2026-12-03T15:00:00Z")!
        app.handle(.char("s"))
        #expect(try store.meeting(id: Self.upcoming)?.status == .inProgress)
        clock.now += 5 * 60 + 7
        var text = app.frame().textDump()
        #expect(text.contains("Case 1/8 C-0003 · 5:07 of 12:00 planned"))
        #expect(!text.contains("OVER TIME"))
        expectSnapshot(app, "meeting-mode-160x48")
        // Over the planned 12 minutes: the timer line takes the timerOver role.
        clock.now += 8 * 60
        let frame = app.frame()
        text = frame.textDump()
        #expect(text.contains("13:07 of 12:00 planned · OVER TIME"))
        let timerRow = try #require(
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("OVER TIME") })
        #expect(frame[2, timerRow].role == .timerOver)
        // Next case with one key records the time spent on the first.
        app.handle(.char(">"))
        #expect(try store.agenda(meetingId: Self.upcoming).first?.item.secondsSpent == 787)
        #expect(screen.current?.item.caseId == "C-0004")
        clock.now += 60
        app.handle(.char("<"))
        #expect(try store.agenda(meetingId: Self.upcoming)[1].item.secondsSpent == 60)
        #expect(app.frame().textDump().contains("Case 1/8 C-0003 · 13:07 of 12:00"))
    }

    @Test func meetingModeOutcomesAttendanceAndClosing() throws {
        let (app, clock) = try startedMeetingMode()
        let store = app.sqliteStore
        app.handle(.char("d"))
        #expect(try store.headline(caseId: "C-0003")?.status == .discussed)
        app.handle(.char(">"))
        app.handle(.char("D"))
        app.type("PET-CT pending")
        app.handle(.enter)
        let deferred = try store.agenda(meetingId: Self.upcoming)[1]
        #expect(deferred.item.outcome == .deferred && deferred.item.deferReason == "PET-CT pending")
        app.handle(.tab)
        app.handle(.tab)  // attendance
        app.handle(.char(" "))
        #expect(try store.meeting(id: Self.upcoming)?.roster.first?.present == true)
        clock.now += 3600
        app.handle(.char("C"))
        let dump = app.frame().textDump()
        #expect(dump.contains("without a signed decision"))
        #expect(dump.contains("C-0003"))
        app.handle(.left)  // from Cancel to "Close meeting"
        app.handle(.enter)
        let closed = try #require(try store.meeting(id: Self.upcoming))
        #expect(closed.status == .closed)
        #expect(closed.endedAt == clock.now)
        #expect(app.frame().textDump().contains("Meeting closed"))
    }

    @Test func minutesExportFromTheScreenWritesAPrivateFile() throws {
        let (app, _) = try app()
        app.apply(.push(MeetingModeScreen(meetingId: "M-2026-11-19-MTB")))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        app.handle(.char("E"))
        app.handle(.enter)  // the full copy (privacy mode is off)
        app.handle(.enter)  // key findings
        app.handle(.ctrl("u"))
        app.type(dir + "/minutes.md")
        app.handle(.enter)
        let text = try String(contentsOfFile: dir + "/minutes.md", encoding: .utf8)
        #expect(text.hasPrefix("# Minutes: Molecular Tumour Board"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/minutes.md")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
