import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// The follow-up queue's rules on the fixture board: D-1 (C-3, pemigatinib) was signed on 2026-11-18.
@Suite("Follow-up queue")
struct FollowUpQueueTests {
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func aRecommendedTreatmentWithoutOutcomeComesDueAfterNinetyDays() throws {
        let store = try Fixtures.seededStore()
        #expect(try store.followUpQueue(today: Self.day("2026-12-01")).isEmpty)
        let upcoming = try store.followUpQueue(today: Self.day("2026-12-01"), dueBy: Self.day("2027-03-01"))
        #expect(upcoming.map(\.caseId) == ["C-3"])
        #expect(upcoming.first?.dueOn == Self.day("2027-02-16") && upcoming.first?.status == .upcoming)
        #expect(upcoming.first?.reason == .noOutcome(decidedOn: Self.day("2026-11-18"), days: 90))
        #expect(
            upcoming.first?.reason.text == "treatment recommended on 2026-11-18, no outcome recorded within 90 days")
        #expect(try store.followUpQueue(today: Self.day("2027-02-16")).first?.status == .due)
        #expect(try store.followUpQueue(today: Self.day("2027-03-16")).first?.status == .due)
        #expect(try store.followUpQueue(today: Self.day("2027-03-17")).first?.status == .overdue)
    }

    @Test func anOutcomeAfterTheDecisionSettlesIt() throws {
        let store = try Fixtures.seededStore()
        let today = Self.day("2027-03-01")
        try store.addOutcome(
            CaseOutcome(
                id: "", caseId: "C-3", kind: .treatmentStarted, date: Self.day("2026-10-01"), regimen: "gemcitabine",
                recordedBy: "", recordedAt: Fixtures.now), today: today)
        #expect(try store.followUpQueue(today: today).count == 1, "an outcome from before the decision does not count")
        try store.addOutcome(
            CaseOutcome(
                id: "", caseId: "C-3", kind: .treatmentStarted, date: Self.day("2026-11-25"), regimen: "pemigatinib",
                recordedBy: "", recordedAt: Fixtures.now), today: today)
        #expect(try store.followUpQueue(today: today).isEmpty)
    }

    @Test func theSettingDecidesTheWaitAndIsChecked() throws {
        let store = try Fixtures.seededStore()
        try store.setFollowUpRules(FollowUpRules(noOutcomeDays: 10, overdueAfterDays: 3))
        #expect(try store.followUpRules() == FollowUpRules(noOutcomeDays: 10, overdueAfterDays: 3))
        let items = try store.followUpQueue(today: Self.day("2026-12-01"))
        #expect(items.first?.dueOn == Self.day("2026-11-28") && items.first?.status == .due)
        #expect(try store.followUpQueue(today: Self.day("2026-12-02")).first?.status == .overdue)
        #expect(throws: StoreError.invalid("no-outcome days: expected 1–3650 days, got 0")) {
            try store.setFollowUpRules(FollowUpRules(noOutcomeDays: 0, overdueAfterDays: 3))
        }
        #expect(try store.auditEvents().filter { $0.action == "setting.change" }.count == 2)
    }

    @Test func aFollowUpDateIsDueUntilTheCaseIsOnALaterAgenda() throws {
        let store = try Fixtures.seededStore()
        // Presented (and decided) the day before; the chair signs from their own login.
        let presented = try store.createMeeting(
            MeetingDetails(boardId: "gi", startsAt: Fixtures.now.addingTimeInterval(-86400), chair: "Dr. Chen"),
            now: Fixtures.now)
        try store.addToAgenda(meetingId: presented.id, caseIds: ["C-2"], now: Fixtures.now)
        var d = try store.newDecision(caseId: "C-2", meetingId: presented.id, now: Fixtures.now)
        d.recommendations = [Recommendation(kind: .surveillance, rationale: "low risk")]
        d.consensus = .unanimous
        d.followUp = FollowUp(date: Self.day("2026-12-10"), represent: "CT abdomen")
        let saved = try store.saveDecision(d, now: Fixtures.now)
        try Fixtures.chair(store, board: "gi", person: "Dr. Chen", login: "chen").signDecision(
            id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        #expect(try store.followUpQueue(today: Self.day("2026-12-09")).isEmpty)
        let due = try store.followUpQueue(today: Self.day("2026-12-10"))
        #expect(due.map(\.caseId) == ["C-2"], "surveillance is no treatment: only the date brings it back")
        #expect(due.first?.reason.text == "follow-up date 2026-12-10; bring: CT abdomen")
        let meeting = try store.createMeeting(
            MeetingDetails(boardId: "gi", startsAt: Fixtures.now.addingTimeInterval(30 * 86400)), now: Fixtures.now)
        try store.addToAgenda(meetingId: meeting.id, caseIds: ["C-2"], now: Fixtures.now)
        #expect(try store.followUpQueue(today: Self.day("2026-12-10")).isEmpty)
    }

    @Test func deathOrLossSettlesEverything() throws {
        let store = try Fixtures.seededStore()
        let today = Self.day("2027-03-01")
        #expect(try store.followUpQueue(today: today).count == 1)
        try store.addOutcome(
            CaseOutcome(
                id: "", caseId: "C-3", kind: .lostToFollowUp, date: Self.day("2026-11-01"), recordedBy: "",
                recordedAt: Fixtures.now), today: today)
        #expect(try store.followUpQueue(today: today).isEmpty)
    }

    /// C-2 decided the day before `Fixtures.now` at a GI meeting: chemotherapy recommended, follow-up on 2026-12-10.
    static func decidedWithFollowUpDate(_ store: BoardStore) throws {
        let presented = try store.createMeeting(
            MeetingDetails(boardId: "gi", startsAt: Fixtures.now.addingTimeInterval(-86400), chair: "Dr. Chen"),
            now: Fixtures.now)
        try store.addToAgenda(meetingId: presented.id, caseIds: ["C-2"], now: Fixtures.now)
        var d = try store.newDecision(caseId: "C-2", meetingId: presented.id, now: Fixtures.now)
        d.recommendations = [Recommendation(kind: .targetedTherapy, therapy: "imatinib", rationale: "KIT exon 11")]
        d.consensus = .unanimous
        d.followUp = FollowUp(date: Self.day("2026-12-10"), represent: "CT abdomen")
        let saved = try store.saveDecision(d, now: Fixtures.now)
        try Fixtures.chair(store, board: "gi", person: "Dr. Chen", login: "chen").signDecision(
            id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
    }

    @Test func aCaseDueForTwoReasonsIsListedOnceWithBoth() throws {
        let store = try Fixtures.seededStore()
        try Self.decidedWithFollowUpDate(store)
        let items = try store.followUpQueue(today: Self.day("2027-02-20"))
        #expect(items.map(\.caseId) == ["C-2", "C-3"], "one item per case")
        let c2 = try #require(items.first)
        #expect(
            c2.reasons == [
                .followUpDate(Self.day("2026-12-10"), represent: "CT abdomen"),
                .noOutcome(decidedOn: Self.day("2026-11-18"), days: 90),
            ])
        #expect(c2.dueOn == Self.day("2026-12-10") && c2.status == .overdue, "due from its first reason")
        #expect(
            c2.reasonText
                == "follow-up date 2026-12-10; bring: CT abdomen · treatment recommended on 2026-11-18, no outcome recorded within 90 days"
        )
        // Before the second reason has come only the first is listed.
        #expect(try store.followUpQueue(today: Self.day("2026-12-10")).first?.reasons.count == 1)
        #expect(FollowUpItem.summary(items) == "Follow-up: 1 due, 1 overdue")
    }

    @Test func aCaseIsAddedToItsBoardsNextMeetingWithItsReason() throws {
        let store = try Fixtures.seededStore()
        try Self.decidedWithFollowUpDate(store)
        let item = try #require(try store.followUpQueue(today: Self.day("2026-12-10")).first)
        let before = try Fixtures.snapshot(store)
        #expect(
            throws: StoreError.invalid(
                "no meeting ahead for the board that made decision \(item.decisionId): plan one first")
        ) {
            try store.scheduleFollowUp(item, now: Fixtures.now)
        }
        #expect(try Fixtures.snapshot(store) == before, "a refusal writes nothing")
        // A later GI meeting, and a sooner thoracic one that is not the deciding board's.
        _ = try store.createMeeting(
            MeetingDetails(boardId: "thoracic", startsAt: Fixtures.now.addingTimeInterval(2 * 86400)), now: Fixtures.now
        )
        let next = try store.createMeeting(
            MeetingDetails(boardId: "gi", startsAt: Fixtures.now.addingTimeInterval(14 * 86400)), now: Fixtures.now)
        let meeting = try store.scheduleFollowUp(item, now: Fixtures.now)
        #expect(meeting.id == next.id && meeting.boardName == "Gastrointestinal" && meeting.caseCount == 1)
        #expect(try store.meeting(id: next.id)?.agenda.map(\.caseId) == ["C-2"])
        let note = try #require(try store.caseRecord(id: "C-2")?.notes.last)
        #expect(note.text == "Back for follow-up (meeting \(next.id)): follow-up date 2026-12-10; bring: CT abdomen")
        let actions = try store.auditEvents(caseId: "C-2").suffix(3).map(\.action)
        #expect(actions.contains("agenda.add") && actions.contains("note.add"))
        #expect(try store.followUpQueue(today: Self.day("2026-12-10")).isEmpty, "on a later agenda: settled")
        #expect(throws: StoreError.self) { try store.scheduleFollowUp(item, now: Fixtures.now) }
    }
}
