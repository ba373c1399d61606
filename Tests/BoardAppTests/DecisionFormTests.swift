import BoardFormats
import BoardModel
import Foundation
import TUIKit
import Testing

@testable import BoardApp
@testable import BoardStore

/// The decision form as the room uses it (key scripts on the fake terminal): a case presented again gets a new
/// decision with the earlier one shown as history; sign-off by the chair's own login, a request from anyone else;
/// the form's own key table for `?` and the status bar; the evidence scale starting "not set"; names completed
/// from the board's rosters; wrapped rationale under its first line; the minutes exported from the screen.
@MainActor
@Suite("Decision form: presentations, sign-off, keys")
struct DecisionFormTests {
    static let second = "M-2026-12-17-MTB"

    /// The sample board seen from the chair's login (Inés Calderón chairs the MTB meetings). `asLogin` is the
    /// internal test seam: no option or screen can claim another login.
    static func chairStore() throws -> BoardStore {
        let store = try SampleBoard.store().asLogin("icalderon")
        try store.setBoardLogin(boardId: "mtb", login: "icalderon", person: "Inés Calderón", now: SampleBoard.now)
        return store
    }

    /// C-0001 (decided at the closed 19 Nov meeting) on a second meeting.
    static func represented(_ store: BoardStore) throws {
        let m = try store.createMeeting(
            MeetingDetails(
                boardId: "mtb", startsAt: InstantFormat.parse("2026-12-17T15:00:00Z")!, chair: "Inés Calderón",
                roster: [
                    Attendee(name: "Inés Calderón", discipline: .medicalOncology),
                    Attendee(name: "Yusuf Demir", discipline: .medicalOncology),
                ]), now: SampleBoard.now)
        #expect(m.id == second)
        try store.addToAgenda(meetingId: m.id, caseIds: ["C-0001"], now: SampleBoard.now)
    }

    /// Opens the decision form of a case from the case screen.
    static func openForm(_ app: BoardApp, _ caseId: String) throws -> DecisionFormScreen {
        app.run(.openCase(caseId))
        app.handle(.char("e"))
        return try #require(app.stack.last as? DecisionFormScreen)
    }

    /// Adds a recommendation with a therapy and sets the consensus: what signing needs.
    static func fill(_ app: BoardApp, _ form: DecisionFormScreen) {
        app.handle(.char("a"))
        app.handle(.down)
        app.handle(.enter)
        for c in "Carboplatin + pemetrexed" { app.handle(.char(c)) }
        app.handle(.enter)
        form.select(.consensus)
        app.handle(.right)
    }

    @Test func aCasePresentedAgainOpensANewDecisionWithTheEarlierOneAsHistory() throws {
        let store = try Self.chairStore()
        try Self.represented(store)
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: store)
        let form = try Self.openForm(app, "C-0001")
        #expect(form.decision?.id != "D-0001" && form.decision?.meetingId == Self.second)
        #expect(!form.isReadOnly)
        var screen = app.frame().textDump()
        #expect(
            screen.contains(
                "Earlier          D-0001 (meeting of Thu 19 Nov 2026, signed by Inés Calderón): 1. clinical trial"))
        Self.fill(app, form)
        app.handle(.char("F"))
        screen = app.frame().textDump()
        #expect(screen.contains("Sign decision \(form.decision!.id) as Inés Calderón (login icalderon)?"))
        app.handle(.right)
        app.handle(.enter)
        let record = try #require(try store.caseRecord(id: "C-0001"))
        #expect(record.decisions.map(\.status) == [.final, .final])
        #expect(record.currentDecision?.meetingId == Self.second)
        // The Decision tab shows the new decision and the earlier one below it; History lists both.
        app.handle(.char("5"))
        screen = app.frame().textDump()
        #expect(screen.contains("Earlier decisions"))
        #expect(screen.contains("D-0001 · meeting of Thu 19 Nov 2026 · final · 1. clinical trial"))
        app.handle(.char("6"))
        #expect(app.frame().textDump().contains("Decisions, one per presentation"))
    }

    @Test func someoneElseRequestsSignoffAndTheChairConfirmsFromTheirOwnLogin() throws {
        let chair = try Self.chairStore()
        try Self.represented(chair)
        try chair.setBoardLogin(boardId: "mtb", login: "avries", person: "Anouk de Vries", now: SampleBoard.now)
        let coordinator = chair.asLogin("avries")
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: coordinator)
        let form = try Self.openForm(app, "C-0001")
        Self.fill(app, form)
        app.handle(.char("F"))
        var screen = app.frame().textDump()
        #expect(screen.contains("You cannot sign"))
        #expect(screen.contains("you (avries) are Anouk de Vries; only the chair Inés Calderón"))
        app.handle(.right)
        app.handle(.enter)
        let id = try #require(form.decision?.id)
        #expect(try chair.signoffRequests(meetingId: Self.second).map(\.requestedBy) == ["avries"])
        #expect(try chair.decision(id: id)?.status == .draft)
        app.handle(.escape)

        // The chair, at their own terminal, sees the request and signs.
        let (chairApp, _) = try SampleBoard.app(width: 160, height: 48, store: chair)
        _ = try Self.openForm(chairApp, "C-0001")
        screen = chairApp.frame().textDump()
        #expect(screen.contains("you (icalderon) are Inés Calderón, the chair"))
        #expect(screen.contains("requested by avries"))
        chairApp.handle(.char("F"))
        #expect(chairApp.frame().textDump().contains("Sign-off requested by avries."))
        chairApp.handle(.right)
        chairApp.handle(.enter)
        let signed = try #require(try chair.decision(id: id))
        #expect(signed.status == .final && signed.signedByLogin == "icalderon" && signed.signoffRequestedBy == "avries")
        let actions = try chair.auditEvents(caseId: "C-0001").map { "\($0.user) \($0.action)" }
        #expect(actions.contains("avries decision.signoff-requested") && actions.contains("icalderon decision.sign"))
    }

    @Test func helpAndStatusBarShowTheFormsOwnKeys() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: try Self.chairStore())
        _ = try Self.openForm(app, "C-0003")
        let status = app.frame().textDump().split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("F sign") && status.contains("s save") && status.contains("R request"))
        #expect(!status.contains("e decide") && !status.contains("n note"))
        app.handle(.char("?"))
        let help = app.frame().textDump()
        #expect(help.contains("Request sign-off from the meeting's chair"))
        #expect(help.contains("Record a dissent"))
        #expect(!help.contains("Decision form (record, sign, amend)"))
        app.handle(.escape)
        // `n` is not the global "new note" inside the form.
        app.handle(.char("n"))
        #expect(app.stack.last is DecisionFormScreen)
    }

    @Test func theEvidenceScaleStartsNotSetAndChoosingOneLeavesTheLevelUnset() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: try Self.chairStore())
        let form = try Self.openForm(app, "C-0003")
        app.handle(.char("a"))
        #expect(app.frame().textDump().contains("Evidence scale ‹ not set ›"))
        form.select(.scale(0))
        app.handle(.right)
        #expect(form.decision?.recommendations[0].evidence == nil)
        #expect(app.frame().textDump().contains("Level          ‹ not set ›"))
        app.handle(.down)
        app.handle(.right)
        #expect(form.decision?.recommendations[0].evidence == EvidenceLevel(scale: .oncokb, code: "1"))
        app.handle(.left)
        #expect(form.decision?.recommendations[0].evidence == nil)
    }

    @Test func dissentAndAttendanceNamesCompleteFromTheBoardsRosters() throws {
        let store = try Self.chairStore()
        try Self.represented(store)  // a meeting whose roster has two names; the board's others have more
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: store)
        let form = try Self.openForm(app, "C-0001")
        app.handle(.char("d"))
        for c in "yus" { app.handle(.char(c)) }
        app.handle(.tab)
        #expect(app.frame().textDump().contains("Yusuf Demir▏"))
        app.handle(.enter)
        #expect(app.frame().textDump().contains("Why does Yusuf Demir dissent?"))
        for c in "Prefers chemotherapy first" { app.handle(.char(c)) }
        app.handle(.enter)
        #expect(form.decision?.dissent == [Dissent(name: "Yusuf Demir", reason: "Prefers chemotherapy first")])
        // Someone present who is not on this meeting's roster, from another of the board's meetings.
        app.handle(.char("P"))
        for c in "kwa" { app.handle(.char(c)) }
        app.handle(.tab)
        app.handle(.enter)
        #expect(form.decision?.attendeesPresent.contains("Kwame Mensah") == true)
        #expect(app.frame().textDump().contains("[x] Kwame Mensah · not on the roster"))
        // Accents and case do not matter.
        #expect(NameCompletion.candidates(for: "ines", among: ["Inés Calderón", "Yusuf Demir"]) == ["Inés Calderón"])
        #expect(NameCompletion.candidates(for: "cald", among: ["Inés Calderón", "Yusuf Demir"]) == ["Inés Calderón"])
    }

    @Test func wrappedRationaleLinesStayUnderTheirFirstLine() throws {
        let (app, _) = try SampleBoard.app(width: 80, height: 24, store: try Self.chairStore())
        let form = try Self.openForm(app, "C-0003")
        app.handle(.char("a"))
        form.update {
            $0.recommendations[0].rationale =
                "KRAS G12C with STK11 loss: sotorasib after chemo-immunotherapy; re-biopsy at progression for resistance."
        }
        form.select(.rationale(0))
        let lines = app.frame().textDump().split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("Rationale      KRAS G12C") })
        let column = try #require(lines[first].range(of: "KRAS")).lowerBound
        let next = lines[first + 1]
        let offset = lines[first].distance(from: lines[first].startIndex, to: column)
        #expect(next.dropFirst(offset).first?.isLetter == true)
        #expect(next.prefix(offset).dropFirst().allSatisfy { $0 == " " })
    }

    @Test func exportingFromTheScreenOffersTheDeidentifiedCopyAndAsksBeforeReplacing() throws {
        let (app, _) = try SampleBoard.app(width: 120, height: 40)
        app.run(.meeting("M-2026-11-19-MTB"))
        let path = NSTemporaryDirectory() + "tb-minutes-" + UUID().uuidString + ".txt"
        func export(replacing: Bool) {
            app.handle(.char("E"))
            #expect(app.frame().textDump().contains("De-identified"))
            app.handle(.right)
            app.handle(.enter)  // De-identified
            #expect(app.frame().textDump().contains("All findings"))
            app.handle(.right)
            app.handle(.enter)  // All findings
            #expect(app.frame().textDump().contains("minutes-M-2026-11-19-MTB-deidentified-all-findings.txt"))
            app.handle(.ctrl("u"))
            for c in path { app.handle(.char(c)) }
            app.handle(.enter)
        }
        export(replacing: false)
        let first = try String(contentsOfFile: path, encoding: .utf8)
        #expect(first.contains("DE-IDENTIFIED COPY") && !first.contains("Trần Thị Ngọc"))
        #expect(first.contains("TP53 p.R273H"))  // a finding without evidence: all findings were asked for
        try "kept".write(toFile: path, atomically: true, encoding: .utf8)
        export(replacing: true)
        #expect(app.frame().textDump().contains("Replace \(path)?"))
        app.handle(.enter)  // Cancel is the default
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "kept")
        export(replacing: true)
        app.handle(.right)
        app.handle(.enter)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == first)
    }
}
