import Foundation
import Testing
import TUIKit
import BoardModel
import BoardStore
import BoardFormats
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

    func type(_ app: BoardApp, _ text: String) { for ch in text { app.handle(.char(ch)) } }

    func expectSnapshot(_ app: BoardApp, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let problem = Snapshot.check(app.frame().textDump(), named: name) { Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation) }
    }

    @Test(arguments: [(80, 24), (160, 48)]) func preparationScreen(width: Int, height: Int) throws {
        let (app, _) = try app(width: width, height: height)
        app.handle(.enter)               // the upcoming meeting
        app.handle(.char("P"))
        #expect(app.stack.last is MeetingPrepScreen)
        expectSnapshot(app, "meeting-prep-\(width)x\(height)")
    }

    @Test func preparationAddsMarkedCasesReordersAndSetsMinutes() throws {
        let (app, _) = try app()
        let store = app.context.store
        let meeting = try store.createMeeting(MeetingDetails(boardId: "mtb", startsAt: InstantFormat.parse("2026-12-17T15:00:00Z")!), now: SampleBoard.now)
        app.apply(.push(MeetingPrepScreen(meetingId: meeting.id)))
        let screen = try #require(app.stack.last as? MeetingPrepScreen)
        // The deferred case from the last meeting is offered first.
        #expect(screen.candidates.first?.headline.id == "C-0016")
        #expect(screen.candidates.first?.reason?.hasPrefix("deferred") == true)
        app.handle(.tab)                 // backlog
        app.handle(.char(" "))           // mark C-0016, move down
        app.handle(.char(" "))           // mark the next one
        let second = screen.candidates[1].headline.id
        app.handle(.char("a"))
        #expect(try store.agenda(meetingId: meeting.id).map(\.item.caseId) == ["C-0016", second])
        app.handle(.backTab)             // agenda
        app.handle(.char("G"))           // last row
        app.handle(.char("K"))           // move it up
        #expect(try store.agenda(meetingId: meeting.id).map(\.item.caseId) == [second, "C-0016"])
        app.handle(.char("t"))
        app.handle(.ctrl("u"))
        type(app, "15")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: meeting.id).first?.item.plannedMinutes == 15)
        app.handle(.char("L"))
        type(app, "Room 4 and https://video.example/board")
        app.handle(.enter)
        #expect(try store.meeting(id: meeting.id)?.location == "Room 4 and https://video.example/board")
        app.handle(.char("A"))
        type(app, "Ruth Adeyemi:medical-oncology")
        app.handle(.enter)
        #expect(try store.meeting(id: meeting.id)?.roster.map(\.name) == ["Ruth Adeyemi"])
        let readiness = app.frame().textDump()
        #expect(readiness.contains("ready") || readiness.contains("missing"))
    }

    @Test func meetingModeTimersUseTheInjectedClock() throws {
        let (app, clock) = try app()
        let store = app.context.store
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
        let timerRow = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("OVER TIME") })
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
        let (app, clock) = try app()
        let store = app.context.store
        app.handle(.enter)
        app.handle(.char("M"))
        clock.now = InstantFormat.parse("2026-12-03T15:00:00Z")!
        app.handle(.char("s"))
        app.handle(.char("d"))
        #expect(try store.headline(caseId: "C-0003")?.status == .discussed)
        app.handle(.char(">"))
        app.handle(.char("D"))
        type(app, "PET-CT pending")
        app.handle(.enter)
        let deferred = try store.agenda(meetingId: Self.upcoming)[1]
        #expect(deferred.item.outcome == .deferred && deferred.item.deferReason == "PET-CT pending")
        app.handle(.tab); app.handle(.tab)      // attendance
        app.handle(.char(" "))
        #expect(try store.meeting(id: Self.upcoming)?.roster.first?.present == true)
        clock.now += 3600
        app.handle(.char("C"))
        let dump = app.frame().textDump()
        #expect(dump.contains("without a signed decision"))
        #expect(dump.contains("C-0003"))
        app.handle(.left)                        // from Cancel to "Close meeting"
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
        app.handle(.ctrl("u"))
        type(app, dir + "/minutes.md")
        app.handle(.enter)
        let text = try String(contentsOfFile: dir + "/minutes.md", encoding: .utf8)
        #expect(text.hasPrefix("# Minutes: Molecular Tumour Board"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/minutes.md")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
