import BoardModel
import BoardStore
import Foundation
import TUIKit
import Testing

@testable import BoardApp

/// Outcomes on the case screen: the Outcomes tab, the form's keys, its checks, drafts and the question before
/// losing changes; the Home screen's follow-up line. Key scripts on the sample board (clock 2026-11-27).
@MainActor
@Suite("Outcomes on screen")
struct OutcomeScreenTests {
    func keys(_ app: BoardApp, _ script: String) {
        for c in script { app.handle(c == "\n" ? .enter : .char(c)) }
    }

    @Test func recordATreatmentStartOnTheOutcomesTab() throws {
        let (app, _) = try SampleBoard.app(width: 140, height: 40)
        app.run(.openCase("C-0009"))
        keys(app, "7")
        #expect(app.frame().textDump().contains("No outcome yet · o records one"))
        keys(app, "o")
        let form = try #require(app.stack.last as? OutcomeFormScreen)
        #expect(form.outcome.date == LocalDate("2026-11-27"), "a new outcome is dated today by the app's clock")
        keys(app, "jj\npemigatinib\n")  // Regimen
        keys(app, "j\npemigatinib\n")  // Drugs
        keys(app, "j\n")  // As recommended: yes
        keys(app, "jjj\n")  // After decision: D-0002
        #expect(form.outcome.followedRecommendation == .yes && form.outcome.decisionId == "D-0002")
        keys(app, "s")
        #expect(app.stack.last is CaseScreen)
        let saved = try #require(try app.sqliteStore.outcomes(caseId: "C-0009").first)
        #expect(saved.kind == .treatmentStarted && saved.drugs == ["pemigatinib"] && saved.source == "screen")
        #expect(saved.recordedBy == "tester")
        let screen = app.frame().textDump()
        #expect(screen.contains("Outcomes 1") && screen.contains("treatment started: pemigatinib; as recommended"))
        #expect(try app.sqliteStore.drafts().isEmpty)
    }

    @Test func theFormMarksWhatTheRulesRefuse() throws {
        let (app, _) = try SampleBoard.app(width: 160, height: 40)
        app.run(.openCase("C-0001"))
        keys(app, "o")
        app.handle(.right)
        app.handle(.right)  // response
        let form = try #require(app.stack.last as? OutcomeFormScreen)
        #expect(form.outcome.kind == .response)
        keys(app, "jj\n")  // criteria: the first the diagnosis (LUAD) calls for
        #expect(form.outcome.criteria == .recist)
        keys(app, "s")
        let text = app.frame().textDump()
        #expect(text.contains("Not saved: 2 problem(s)"))
        #expect(text.contains("✗ expected a RECIST 1.1 category"))
        #expect(text.contains("✗ expected a response after a treatment started"))
        #expect(try app.sqliteStore.outcomes(caseId: "C-0001").isEmpty)
        // A criteria step never offers what the diagnosis does not call for.
        var seen: Set<ResponseCriteria?> = []
        for _ in 0..<8 {
            app.handle(.right)
            seen.insert(form.outcome.criteria)
        }
        #expect(!seen.contains(.rano) && !seen.contains(.imwg) && seen.contains(.irecist))
    }

    @Test func leavingWithChangesAsksAndAnUntouchedFormClosesQuietly() throws {
        let (app, _) = try SampleBoard.app(width: 140, height: 40)
        app.run(.openCase("C-0009"))
        keys(app, "o")
        app.handle(.escape)
        #expect(app.stack.last is CaseScreen, "nothing typed: closes without asking")
        keys(app, "o")
        app.handle(.right)
        app.handle(.escape)
        #expect(app.frame().textDump().contains("Save the outcome before closing?"))
        app.handle(.enter)  // Keep editing
        #expect(app.stack.last is OutcomeFormScreen)
        keys(app, "q")
        app.handle(.right)
        app.handle(.enter)  // Discard
        #expect(app.stack.last is CaseScreen)
        #expect(try app.sqliteStore.outcomes(caseId: "C-0009").isEmpty)
    }

    @Test func anUnsavedOutcomeIsKeptAsADraftAndOfferedBack() throws {
        let store = try SampleBoard.store()
        var now = SampleBoard.now
        let app = BoardApp(
            store: store, terminal: FakeTerminal(width: 140, height: 40), themes: SampleBoard.themes(),
            theme: .monochrome, clock: { now })
        app.run(.openCase("C-0009"))
        keys(app, "o")
        keys(app, "jj\nFOLFIRINOX\n")
        now = now.addingTimeInterval(2.1)
        app.handle(.down)
        #expect(try store.draft(key: "outcome:C-0009:")?.body.contains("FOLFIRINOX") == true)
        let restarted = BoardApp(
            store: store, terminal: FakeTerminal(width: 140, height: 40), themes: SampleBoard.themes(),
            theme: .monochrome, clock: { now })
        #expect(restarted.frame().textDump().contains("outcome for C-0009"))
        restarted.handle(.enter)
        let form = try #require(restarted.stack.last as? OutcomeFormScreen)
        #expect(form.outcome.regimen == "FOLFIRINOX" && form.isDirty)
    }

    /// The sample board at 140×40 with C-0009's pemigatinib start of 2026-11-20 recorded (O-C-0009-1), its case open.
    func appWithATreatmentStart() throws -> (BoardApp, BoardStore) {
        let (app, _) = try SampleBoard.app(width: 140, height: 40)
        try app.sqliteStore.addOutcome(
            CaseOutcome(
                id: "", caseId: "C-0009", kind: .treatmentStarted, date: LocalDate("2026-11-20")!,
                regimen: "pemigatinib", recordedBy: "", recordedAt: SampleBoard.now),
            today: LocalDate("2026-11-27")!)
        app.run(.openCase("C-0009"))
        return (app, app.sqliteStore)
    }

    @Test func enterOnAnOutcomeCorrectsIt() throws {
        let (app, store) = try appWithATreatmentStart()
        keys(app, "7\n")
        let form = try #require(app.stack.last as? OutcomeFormScreen)
        #expect(form.savedCopy?.id == "O-C-0009-1")
        keys(app, "j\n")
        for _ in 0..<10 { app.handle(.backspace) }
        keys(app, "21.11.2026\n")
        keys(app, "s")
        let stored = try #require(try store.outcome(id: "O-C-0009-1"))
        #expect(stored.version == 2 && stored.date == LocalDate("2026-11-21"))
        #expect(app.frame().textDump().contains("O-C-0009-1 v2"))
    }

    @Test func homeSaysWhatIsDueForFollowUp() throws {
        let store = try SampleBoard.store()
        let later = Date(timeIntervalSince1970: 1_803_000_000)  // 2027-02-19
        let app = BoardApp(
            store: store, terminal: FakeTerminal(width: 160, height: 40), themes: SampleBoard.themes(),
            theme: .monochrome, clock: { later })
        let expected = FollowUpItem.summary(try store.followUpQueue(today: LocalDate(later)))
        #expect(expected.hasPrefix("Follow-up: ") && !expected.hasPrefix("Follow-up: 0 due, 0 overdue"))
        #expect(app.frame().textDump().contains(expected))
        // On the day of the sample board nothing is due yet, and Home says nothing about it.
        let (today, _) = try SampleBoard.app(width: 160, height: 40)
        #expect(!today.frame().textDump().contains("Follow-up:"))
    }

    @Test func theFormKeysAreOneTable() {
        let table = OutcomeFormKeys.table
        #expect(table.duplicateKeys().isEmpty)
        #expect(table.action(for: .char("s")) == .save && table.action(for: .escape) == .close)
        #expect(OutcomeFormKeys.hintLine.contains("s save") && OutcomeFormKeys.hintLine.contains("Esc close"))
        #expect(KeyMap.global.action(for: .char("o")) == .recordOutcome)
        #expect(KeyMap.global.action(for: .char("7")) == .tab(6))
    }

    @Test func retractingAsksWhyThenConfirmsAndKeepsTheOutcomeMarked() throws {
        let (app, store) = try appWithATreatmentStart()
        keys(app, "7R")
        #expect(app.frame().textDump().contains("Retract O-C-0009-1 (2026-11-20 treatment started): why?"))
        app.handle(.enter)
        #expect(app.frame().textDump().contains("A retraction needs a reason"), "an empty reason is refused")
        keys(app, "wrong patient\n")
        #expect(app.frame().textDump().contains("Retract O-C-0009-1?"))
        app.handle(.enter)  // Cancel is the default
        #expect(try store.outcome(id: "O-C-0009-1")?.isRetracted == false)
        keys(app, "Rwrong patient\n")
        app.handle(.right)
        app.handle(.enter)  // Retract
        let stored = try #require(try store.outcome(id: "O-C-0009-1"))
        #expect(stored.retraction?.reason == "wrong patient" && stored.version == 2)
        let screen = app.frame().textDump()
        #expect(screen.contains("RETRACTED (wrong patient): treatment started: pemigatinib"))
        #expect(screen.contains("O-C-0009-1 v2 retracted by tester on 2026-11-27"))
        #expect(screen.contains("Outcomes 0") && screen.contains("1 outcome by date (1 retracted)"))
        app.handle(.enter)
        #expect(app.stack.last is CaseScreen, "a retracted outcome is not corrected")
        #expect(app.frame().textDump().contains("is retracted (wrong patient): record a new outcome instead"))
        #expect(try store.auditEvents(caseId: "C-0009").last?.action == "outcome.retract")
    }

    @Test func theFollowUpScreenOpensRecordsAndSchedules() throws {
        let store = try SampleBoard.store()
        let later = Date(timeIntervalSince1970: 1_803_000_000)  // 2027-02-19
        let queue = try store.followUpQueue(today: LocalDate(later))
        let first = try #require(queue.first)
        let decision = try #require(try store.decision(id: first.decisionId))
        let decidedAt = try #require(decision.meetingId)
        let board = try #require(try store.meeting(id: decidedAt)?.boardId)
        let next = try store.createMeeting(
            MeetingDetails(boardId: board, startsAt: later.addingTimeInterval(7 * 86400)), now: later)
        let app = BoardApp(
            store: store, terminal: FakeTerminal(width: 80, height: 24), themes: SampleBoard.themes(),
            theme: .monochrome, clock: { later })
        keys(app, "F")
        let screen = try #require(app.stack.last as? FollowUpScreen)
        var text = app.frame().textDump()
        #expect(text.contains(FollowUpItem.summary(queue)))
        #expect(screen.items.map(\.caseId) == queue.map(\.caseId) && Set(queue.map(\.caseId)).count == queue.count)
        #expect(text.contains("\(first.caseId) · \(first.diagnosis)"), "the selected case's reasons in full")
        app.handle(.enter)
        let opened = try #require(app.stack.last as? CaseScreen)
        #expect(opened.view.caseId == first.caseId && opened.view.tabs.active == CaseView.outcomesTab)
        app.handle(.escape)
        keys(app, "o")
        #expect((app.stack.last as? OutcomeFormScreen)?.caseId == first.caseId)
        app.handle(.escape)
        keys(app, "a")
        text = app.frame().textDump()
        #expect(text.contains("Add \(first.caseId) to the next meeting?"))
        app.handle(.right)
        app.handle(.enter)  // Add
        #expect(try store.meeting(id: next.id)?.agenda.map(\.caseId) == [first.caseId])
        let note = try #require(try store.caseRecord(id: first.caseId, on: LocalDate(later))?.notes.last)
        #expect(note.text == "Back for follow-up (meeting \(next.id)): " + first.reasonText)
        #expect(app.frame().textDump().contains("\(first.caseId) added to"))
    }

    @Test func everyCaseTabIsNamedAt80Columns() throws {
        let (app, _) = try SampleBoard.app(width: 80, height: 24)
        app.run(.openCase("C-0009"))
        for (n, title) in CaseView.tabTitles.enumerated() {
            keys(app, String(n + 1))
            let bar = app.frame().textDump().split(separator: "\n")[2]
            #expect(bar.contains(" \(title)"), "the active tab reads in full: \(title)")
            for (m, short) in CaseView.shortTitles.enumerated() where m != n {
                #expect(bar.contains(" \(short)"), "\(short) is named while \(title) is active")
            }
            #expect(!bar.contains("…"), "no tab is cut")
        }
    }
}
