import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// Issue 15 part B, the meeting room: real start times and timers that never run back, evidence cells that keep
/// level and direction in narrow panes, corrections from the case screen, a case list imported from the Prepare
/// screen, prompts that keep what was typed, name completion, and readiness rules that know what does not apply.
@MainActor
@Suite("Meeting room")
struct MeetingRoomTests {
    static let upcoming = MeetingScreenTests.upcoming
    static let meetingDay = InstantFormat.parse("2026-12-03T14:50:00Z")!
    /// The meeting screens' own kit: the sample board on a fake terminal with a clock the test moves.
    let kit = MeetingScreenTests()

    func app(width: Int = 160, height: Int = 48) throws -> (BoardApp, MeetingScreenTests.Clock) {
        try kit.app(width: width, height: height)
    }

    func text(_ app: BoardApp) -> String { app.frame().textDump() }

    func promptText(_ app: BoardApp) -> String? { app.prompt?.field.text }

    func openMeetingMode(_ app: BoardApp) throws -> MeetingModeScreen {
        app.handle(.enter)
        app.handle(.char("M"))
        return try #require(app.stack.last as? MeetingModeScreen)
    }

    // MARK: Bug 5: start time, timers, resuming, zones, starting early

    @Test func startingRecordsTheRealStartAndTheRunningClockMoves() throws {
        let (app, clock) = try app()
        let store = app.sqliteStore
        _ = try openMeetingMode(app)
        #expect(text(app).contains("planned 2026-12-03 15:00 UTC"))
        clock.now = Self.meetingDay  // ten minutes before the planned 15:00
        app.handle(.char("s"))
        let meeting = try #require(try store.meeting(id: Self.upcoming))
        #expect(meeting.status == .inProgress)
        #expect(meeting.startedAt == Self.meetingDay)
        #expect(meeting.startsAt == InstantFormat.parse("2026-12-03T15:00:00Z"))  // the plan stays
        clock.now += 65
        #expect(text(app).contains("started 14:50 UTC · running 1:05"))
        clock.now += 60
        #expect(text(app).contains("running 2:05"))
    }

    @Test func aCaseTimerNeverRunsBackAfterTheCloseDialogIsCancelled() throws {
        let (app, clock) = try app()
        let screen = try openMeetingMode(app)
        clock.now = Self.meetingDay
        app.handle(.char("s"))
        clock.now += 72.6
        #expect(text(app).contains("Case 1/8 C-0003 · 1:12 of 12:00"))
        app.handle(.char("C"))  // records the time, asks
        #expect(text(app).contains("Close the meeting and record the end time?"))
        app.handle(.escape)
        #expect(text(app).contains("The meeting stays open."))
        #expect(text(app).contains("Case 1/8 C-0003 · 1:12 of 12:00"))
        #expect(screen.elapsed(try #require(screen.current), now: clock.now) == 72)
        clock.now += 0.5  // the fraction recorded and the one still running add up: never 1:05, never lost
        #expect(text(app).contains("Case 1/8 C-0003 · 1:13 of 12:00"))
        clock.now += 10
        #expect(text(app).contains("Case 1/8 C-0003 · 1:23 of 12:00"))
    }

    @Test func reopeningResumesAtTheFirstPendingCaseAndNeverTimesADiscussedOne() throws {
        let (app, clock) = try app()
        let store = app.sqliteStore
        _ = try openMeetingMode(app)
        clock.now = Self.meetingDay
        app.handle(.char("s"))
        clock.now += 30
        app.handle(.char("d"))  // case 1 discussed after 30 s
        clock.now += 40  // still on case 1, discussed: not timed
        #expect(try store.agenda(meetingId: Self.upcoming)[0].item.secondsSpent == 30)
        #expect(text(app).contains("Case 1/8 C-0003 · 0:30 of 12:00"))
        app.handle(.escape)
        #expect(try store.agenda(meetingId: Self.upcoming)[0].item.secondsSpent == 30)
        app.handle(.char("M"))
        let screen = try #require(app.stack.last as? MeetingModeScreen)
        #expect(screen.current?.item.caseId == "C-0004")
        clock.now += 20
        app.handle(.char("<"))  // back to the discussed case: shown, not timed
        clock.now += 50
        app.handle(.char(">"))
        let agenda = try store.agenda(meetingId: Self.upcoming)
        #expect(agenda[0].item.secondsSpent == 30)
        #expect(agenda[1].item.secondsSpent == 20)
        app.handle(.char("<"))
        app.handle(.char("u"))  // back to pending: the timer runs again
        clock.now += 5
        #expect(text(app).contains("Case 1/8 C-0003 · 0:35 of 12:00"))
    }

    @Test func meetingTimesAreLocalWithTheZoneNamed() throws {
        let (app, clock) = try app()
        app.context.timeZone = TimeZone(identifier: "Europe/Berlin")!
        app.handle(.enter)
        #expect(text(app).contains("Thu 3 Dec 2026 16:00 CET"))
        app.handle(.char("P"))
        #expect(text(app).contains("Thu 3 Dec 2026 16:00 CET · planned"))
        app.handle(.char("D"))
        #expect(text(app).contains("Starts (YYYY-MM-DD HH:MM, CET): 2026-12-03 16:00"))
        app.handle(.escape)
        app.handle(.char("M"))
        clock.now = Self.meetingDay
        app.handle(.char("s"))
        #expect(text(app).contains("started 15:50 CET"))
        app.handle(.char("C"))
        app.handle(.left)
        app.handle(.enter)
        #expect(text(app).contains("Meeting closed at 2026-12-03 15:50 CET"))
    }

    @Test func startingAMeetingDaysEarlyAsksFirst() throws {
        let (app, _) = try app()  // Friday 27 November; the meeting is on Thursday 3 December
        let store = app.sqliteStore
        _ = try openMeetingMode(app)
        app.handle(.char("s"))
        #expect(text(app).contains("Start \(Self.upcoming) early?"))
        #expect(text(app).contains("planned for 2026-12-03 15:00 UTC, 6 days from now"))
        app.handle(.enter)  // Cancel is the default
        #expect(try store.meeting(id: Self.upcoming)?.status == .planned)
        #expect(text(app).contains("The meeting was not started."))
        app.handle(.char("s"))
        app.handle(.left)
        app.handle(.enter)
        let meeting = try #require(try store.meeting(id: Self.upcoming))
        #expect(meeting.status == .inProgress && meeting.startedAt == SampleBoard.now)
    }

    // MARK: Focus as an enum, hanging indents

    @Test func meetingModeFocusCyclesThroughThePanes() throws {
        let (app, _) = try app(width: 80, height: 24)
        let screen = try openMeetingMode(app)
        #expect(screen.focus == .agenda)
        app.handle(.tab)
        #expect(screen.focus == .caseDetail)
        #expect(text(app).contains("Tab: roster"))
        app.handle(.tab)
        #expect(screen.focus == .roster)
        app.handle(.backTab)
        app.handle(.backTab)
        #expect(screen.focus == .agenda)
        app.handle(.backTab)
        #expect(screen.focus == .roster)
    }

    @Test func wrappedTreatmentHistoryStaysUnderItsLabel() throws {
        let (app, _) = try app(width: 80, height: 48)
        app.apply(.push(CaseScreen(caseId: "C-0003")))
        let lines = text(app).split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("L1 carboplatin") })
        // The line after L1 continues under the drugs (3 columns in), not under "L1".
        #expect(lines[first + 1].hasPrefix("│   "))
        #expect(!lines[first + 1].hasPrefix("│    "))
        expectSnapshot(app, "case-summary-80x48")
    }

    @Test func hangingIndentKeepsEveryWordOnce() {
        let text = "L1  carboplatin + pemetrexed + pembrolizumab (metastatic first line) 2025-07-01 – 2026-10-20"
        let lines = TextWrap.wrap(text, width: 30, hangingIndent: 4)
        #expect(lines.count > 2)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && TextWidth.displayWidth(of: $0) <= 30 })
        #expect(lines.joined(separator: " ").split(separator: " ") == text.split(separator: " "))
        // Too narrow for an indent: plain wrapping.
        #expect(TextWrap.wrap(text, width: 12, hangingIndent: 4) == TextWrap.wrap(text, width: 12))
    }

    // MARK: Evidence readable in the meeting

    @Test func evidenceLevelShortensByRule() {
        let amp = EvidenceLevel(scale: .amp, code: "I-A")
        #expect(EvidenceCell.level(amp, width: 18) == "AMP/ASCO/CAP I-A")
        #expect(EvidenceCell.level(amp, width: 9) == "AMP I-A")
        #expect(EvidenceCell.level(amp, width: 4) == "I-A")
        #expect(EvidenceCell.level(EvidenceLevel(scale: .nct, code: "m1A"), width: 9) == "NCT m1A")
        #expect(EvidenceCell.level(EvidenceLevel(scale: .oncokb, code: "R1"), width: 9) == "OncoKB R1")
    }

    static func finding(_ evidence: [EvidenceEntry]) -> Finding {
        var f = Finding(id: "f1", kind: .snv, gene: "EGFR")
        f.evidence = evidence
        return f
    }

    static func entry(_ scale: EvidenceScale, _ level: String, _ significance: String, _ therapy: String)
        -> EvidenceEntry
    {
        EvidenceEntry(
            source: "test", level: EvidenceLevel(scale: scale, code: level), significance: significance,
            therapy: therapy)
    }

    @Test(arguments: [60, 40, 30, 24, 20, 16])
    func drugEvidenceNeverLosesResistance(width: Int) {
        let f = Self.finding([
            Self.entry(.oncokb, "1", "Sensitivity/Response", "Osimertinib"),
            Self.entry(.oncokb, "2", "Sensitivity/Response", "Erlotinib"),
            Self.entry(.civic, "B", "Resistance", "Gefitinib"),
            Self.entry(.civic, "C", "Resistance", "Afatinib"),
        ])
        let cell = EvidenceCell.drugs(f, width: width)
        #expect(TextWidth.displayWidth(of: cell) <= width, "\(cell)")
        #expect(cell.contains("resist"), "\(cell)")
        #expect(cell.hasPrefix("O"), "\(cell)")
    }

    @Test func drugEvidenceFormsInOrder() {
        let f = Self.finding([
            Self.entry(.oncokb, "1", "Sensitivity/Response", "Sotorasib"),
            Self.entry(.oncokb, "1", "Sensitivity/Response", "Adagrasib"),
            Self.entry(.civic, "C", "Resistance", "Pembrolizumab"),
        ])
        #expect(EvidenceCell.drugs(f, width: 80) == "Sotorasib; Adagrasib · resistance: Pembrolizumab")
        #expect(EvidenceCell.drugs(f, width: 40) == "Sotorasib +1 · resistance: Pembrolizumab")
        #expect(EvidenceCell.drugs(f, width: 37) == "Sotorasib +1 · resist.: Pembrolizumab")
        #expect(f.drugEvidence == "Sotorasib; Adagrasib · resistance: Pembrolizumab")
    }

    @Test(arguments: [(100, 30), (80, 24), (160, 48)])
    func meetingModeShowsLevelAndDirection(width: Int, height: Int) throws {
        let (app, _) = try app(width: width, height: height)
        let screen = try openMeetingMode(app)
        for _ in 0..<3 { app.handle(.char(">")) }  // C-0007, AMP/ASCO/CAP I-A
        #expect(screen.current?.item.caseId == "C-0007")
        if width < 100 { app.handle(.tab) }  // one pane at a time: the case
        app.handle(.char("2"))
        let dump = text(app)
        #expect(!dump.contains("AMP/ASCO…"))
        #expect(dump.contains("AMP I-A") || dump.contains("AMP/ASCO/CAP I-A"))
        for _ in 0..<3 { app.handle(.char("<")) }  // C-0003: STK11 with resistance to pembrolizumab
        let first = text(app)
        #expect(first.contains("resistance: Pembrolizumab") || first.contains("resist.: Pembro"))
        if width == 100 { expectSnapshot(app, "meeting-mode-molecular-100x30") }
    }

    // MARK: Prompts keep what was typed; errors wrap; names complete

    @Test func aBadTimeKeepsTheBoardAndTheTypedTime() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        let before = try store.meetings(around: SampleBoard.now).upcoming.count
        app.handle(.char("N"))
        app.handle(.ctrl("u"))
        app.type("mtb")
        app.handle(.enter)
        app.handle(.ctrl("u"))
        app.type("2026-12-17 25:00")
        app.handle(.enter)
        #expect(promptText(app) == "2026-12-17 25:00")
        #expect(text(app).contains("“2026-12-17 25:00” is not a time"))
        #expect(text(app).contains("Starts (YYYY-MM-DD HH:MM, UTC): 2026-12-17 25:00"))
        app.handle(.backspace)
        app.handle(.backspace)
        app.handle(.backspace)
        app.handle(.backspace)
        app.handle(.backspace)
        app.type("15:00")
        app.handle(.enter)
        #expect(app.prompt == nil)
        #expect(app.stack.last is MeetingPrepScreen)
        #expect(try store.meetings(around: SampleBoard.now).upcoming.count == before + 1)
    }

    @Test(arguments: [(160, 48), (80, 24)])
    func aLongErrorWrapsInsteadOfBeingCut(width: Int, height: Int) throws {
        let (app, _) = try app(width: width, height: height)
        let long =
            "The store refused the change: " + String(repeating: "a long explanation of what was expected ", count: 6)
            + "END"
        app.apply(.error(long))
        let dump = text(app)
        #expect(dump.contains("END"))
        let shown = dump.split(separator: "\n").filter {
            $0.hasPrefix(" The store refused") || $0.contains("explanation")
        }
        #expect(shown.count >= 2)
        // Inside a prompt, the error wraps above it and the prompt keeps its line.
        app.apply(
            .ask("Question:", initial: "") { _ in .error(long) })
        app.type("typed")
        app.handle(.enter)
        let again = text(app)
        #expect(again.contains("END") && again.contains("Question: typed"))
    }

    @Test func presenterAndChairCompleteFromTheRoster() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        app.handle(.enter)
        app.handle(.char("P"))
        app.handle(.char("r"))
        app.handle(.ctrl("u"))
        app.type("koh")
        app.handle(.tab)
        #expect(promptText(app) == "Matthias Köhler")
        app.handle(.enter)
        #expect(try store.agenda(meetingId: Self.upcoming)[0].item.presenter == "Matthias Köhler")
        app.handle(.char("r"))
        app.handle(.ctrl("u"))
        app.type("m")
        app.handle(.tab)
        let first = promptText(app)
        #expect(text(app).contains("names match"))
        app.handle(.tab)
        #expect(promptText(app) != first)
        app.handle(.escape)
        app.handle(.char("C"))
        app.handle(.ctrl("u"))
        app.type("zzz")
        app.handle(.tab)
        #expect(promptText(app) == "zzz")
        #expect(text(app).contains("No name on the roster starts with “zzz”"))
        app.handle(.escape)
    }

    @Test func nameCompletionFoldsAccentsAndMatchesWords() {
        let names = ["Inés Calderón", "Matthias Köhler", "Anouk de Vries", "Inés Calderón"]
        var completion = NameCycle()
        #expect(completion.next(typed: "VRI", names: names) == "Anouk de Vries")
        completion = NameCycle()
        #expect(completion.next(typed: "", names: names) == "Inés Calderón")
        #expect(completion.next(typed: "Inés Calderón", names: names) == "Matthias Köhler")
        #expect(completion.next(typed: "x", names: names) == nil)
    }

    // MARK: Corrections on the case screen

    @Test func theCoordinatorCorrectsFlaggedDetailsOnTheCaseScreen() throws {
        let (app, _) = try app(width: 80, height: 24)
        let store = app.sqliteStore
        let id = try #require(try store.backlog(limit: 1000).first { $0.missing.contains(.performanceStatus) }?.id)
        app.apply(.push(CaseScreen(caseId: id)))
        app.handle(.char("c"))
        #expect(text(app).contains("Correct which detail of \(id)?"))
        #expect(promptText(app) != nil)
        app.handle(.ctrl("u"))
        app.type("ecog")
        app.handle(.enter)
        #expect(text(app).contains("\(id) ECOG (0–5)"))
        app.handle(.ctrl("u"))
        app.type("7")
        app.handle(.enter)
        #expect(promptText(app) == "7")
        #expect(text(app).contains("expected ECOG 0–5, got 7"))
        app.handle(.backspace)
        app.type("2")
        app.handle(.enter)
        #expect(app.prompt == nil)
        let record = try #require(try store.caseRecord(id: id, on: LocalDate(SampleBoard.now))?.record)
        #expect(record.performance?.ecog == 2)
        #expect(try store.headline(caseId: id)?.missing.contains(.performanceStatus) == false)
        let audit = try store.auditEvents(caseId: id).last { $0.action == "case.edit" }
        #expect(audit?.before == "ecog: " && audit?.after == "ecog: 2")
        #expect(text(app).contains("ECOG 2"))
    }

    @Test func diagnosisCompletesFromOncoTreeAndRefusesRetiredCodes() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        app.apply(.push(CaseScreen(caseId: "C-0003")))
        app.handle(.char("c"))
        app.handle(.ctrl("u"))
        app.type("diagnosis")
        app.handle(.enter)
        #expect(promptText(app) == "LUAD Lung adenocarcinoma, right upper lobe")
        app.handle(.ctrl("u"))
        app.type("NOPE")
        app.handle(.enter)
        #expect(promptText(app) == "NOPE")
        #expect(text(app).contains("expected an OncoTree code of release"))
        app.handle(.ctrl("u"))
        app.type("lusc")
        app.handle(.tab)
        #expect(promptText(app)?.hasPrefix("LUSC — ") == true)
        app.handle(.enter)
        let record = try #require(try store.caseRecord(id: "C-0003", on: LocalDate(SampleBoard.now))?.record)
        #expect(record.diagnosis.oncotreeCode == "LUSC")
        #expect(record.diagnosis.text == "Lung adenocarcinoma, right upper lobe")  // the pathologist's words stay
    }

    @Test func caseFieldsParseAndRefuseByName() throws {
        var record = Case(
            id: "C-1", patient: Patient(id: "P-1", name: PersonName(family: "Test")), diagnosis: Diagnosis(text: ""))
        try CaseField.stage.apply("pT1b N0 M0 stage IA2", to: &record)
        #expect(record.stage?.t == "T1b" && record.stage?.n == "N0" && record.stage?.m == "M0")
        #expect(record.stage?.group == "IA2" && record.stage?.basis == "pathological")
        #expect(CaseField.stage.value(of: record) == "pT1b N0 M0 IA2")
        try CaseField.stage.apply("IIIB", to: &record)
        #expect(record.stage?.group == "IIIB" && record.stage?.t == nil)
        #expect(throws: InvalidValue.self) { try CaseField.stage.apply("T9 N0", to: &record) }
        try CaseField.consent.apply("research yes, trials no", to: &record)
        #expect(record.consent.research == true && record.consent.trials == false)
        try CaseField.consent.apply("no yes", to: &record)
        #expect(record.consent.research == false && record.consent.trials == true)
        #expect(throws: InvalidValue.self) { try CaseField.consent.apply("maybe", to: &record) }
        try CaseField.ecog.apply("ECOG 3", to: &record)
        #expect(record.performance?.ecog == 3)
        try CaseField.ecog.apply("-", to: &record)
        #expect(record.performance == nil)
        #expect(throws: InvalidValue.self) { try CaseField.diagnosis.apply("-", to: &record) }
        try CaseField.diagnosis.apply("GB", to: &record)
        #expect(record.diagnosis.oncotreeCode == "GB" && record.diagnosis.text == OncoTree.bundled.name(of: "GB"))
    }

    // MARK: Readiness rules

    @Test func noStageIsAskedOfCNSOrMyeloidCases() throws {
        #expect(StagingRule.notApplicable(oncotreeCode: "GB") != nil)
        #expect(StagingRule.notApplicable(oncotreeCode: "AML") != nil)
        #expect(StagingRule.notApplicable(oncotreeCode: "DLBCLNOS") == nil)  // lymphoma: Lugano stage group
        #expect(StagingRule.notApplicable(oncotreeCode: "LUAD") == nil)
        #expect(StagingRule.notApplicable(oncotreeCode: nil) == nil)
        let (app, _) = try app()
        let store = app.sqliteStore
        let glioma = try #require(try store.headline(caseId: "C-0021"))
        #expect(!glioma.missing.contains(.stage))
        app.apply(.push(CaseScreen(caseId: "C-0021")))
        for _ in 0..<4 { app.handle(.pageDown) }
        #expect(text(app).contains("– stage: not applicable (CNS tumours have no TNM stage"))
    }

    // MARK: Case list from the Prepare screen

    @Test func aCaseListIsImportedFromThePrepareScreenAfterADryRun() throws {
        let (app, _) = try app()
        let store = app.sqliteStore
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("room-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let backlog = try store.backlog(limit: 1000).map(\.id).filter { id in
            try store.agenda(meetingId: Self.upcoming).allSatisfy { $0.item.caseId != id }
        }
        let caseId = try #require(backlog.first)
        let file = dir.appendingPathComponent("list.csv").path
        try "Case ID,Presenter,Minutes\n\(caseId),Sigrid Åkesson,9\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let before = try store.agenda(meetingId: Self.upcoming).count
        app.handle(.enter)
        app.handle(.char("P"))
        app.handle(.char("I"))
        app.type(dir.appendingPathComponent("missing.csv").path)
        app.handle(.enter)
        #expect(promptText(app)?.hasSuffix("missing.csv") == true)
        #expect(text(app).contains("cannot read the file"))
        app.handle(.ctrl("u"))
        app.type(file)
        app.handle(.enter)
        var dump = text(app)
        #expect(dump.contains("Import list.csv into \(Self.upcoming)?"))
        #expect(dump.contains("dry run, nothing written"))
        #expect(dump.contains("added to the agenda: 1 (\(caseId))"))
        #expect(try store.agenda(meetingId: Self.upcoming).count == before)
        app.handle(.enter)  // Cancel is the default
        #expect(try store.agenda(meetingId: Self.upcoming).count == before)
        app.handle(.char("I"))
        app.type(file)
        app.handle(.enter)
        app.handle(.left)
        app.handle(.enter)
        let agenda = try store.agenda(meetingId: Self.upcoming)
        #expect(agenda.count == before + 1)
        #expect(agenda.last?.item.caseId == caseId && agenda.last?.item.presenter == "Sigrid Åkesson")
        dump = text(app)
        #expect(dump.contains("imported 1 row into \(Self.upcoming)"))
    }
}
