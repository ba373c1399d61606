import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Meetings on both backends: preparing the agenda, running the meeting, closing it, the suggestions for the next
/// one and the minutes' record, with the same answers, refusals and audit events on SQLite and PostgreSQL.
struct BothBackendsMeetingTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let start = Fixtures.now.addingTimeInterval(14 * 86400)  // 2026-12-02
    static let details = MeetingDetails(
        boardId: "gi", startsAt: start, location: "Room 2", chair: "Dr. Chen",
        roster: [
            Attendee(name: "Dr. Chen", discipline: .medicalOncology), Attendee(name: "Dr. Lee", discipline: .pathology),
        ])

    @Test(arguments: Backend.available)
    func aMeetingIsCreatedWithAnIdFromItsDayAndBoardAndATwinIsRefused(backend: Backend) throws {
        let (store, other) = try backend.makeBoard(Fixtures.bundle)
        let meeting = try store.createMeeting(Self.details, id: nil, timeZone: Self.utc, now: Fixtures.now)
        #expect(meeting.id == "M-2026-12-02-GI" && meeting.status == .planned && meeting.location == "Room 2")
        #expect(throws: StoreError.self) {
            try other("site_b").createMeeting(Self.details, id: nil, timeZone: Self.utc, now: Fixtures.now)
        }
        var later = Self.details
        later.startsAt = Self.start.addingTimeInterval(3600)
        #expect(
            try store.createMeeting(later, id: nil, timeZone: Self.utc, now: Fixtures.now).id == "M-2026-12-02-GI-2")
        later.startsAt = Self.start.addingTimeInterval(7200)
        #expect(throws: StoreError.self) {
            try store.createMeeting(later, id: " ", timeZone: Self.utc, now: Fixtures.now)
        }
        #expect(throws: StoreError.self) {
            try store.createMeeting(later, id: "M-UP", timeZone: Self.utc, now: Fixtures.now)
        }
        var twice = Self.details
        twice.roster.append(Attendee(name: "Dr. Lee", discipline: .surgery))
        #expect(throws: StoreError.self) {
            try store.createMeeting(twice, id: "M-X", timeZone: Self.utc, now: Fixtures.now)
        }
        let updated = try other("site_b").updateMeeting(id: meeting.id, now: Fixtures.now) { $0.location = "Room 3" }
        #expect(updated.location == "Room 3" && updated.roster.count == 2)
        #expect(try store.allMeetings(boardId: "gi").map(\.id) == ["M-PAST", "M-2026-12-02-GI", "M-2026-12-02-GI-2"])
        let around = try store.meetings(around: Fixtures.now, limit: 10)
        #expect(around.upcoming.map(\.id) == ["M-UP", "M-2026-12-02-GI", "M-2026-12-02-GI-2"])
        #expect(around.past.map(\.id) == ["M-PAST"])
        #expect(try store.boards().map(\.name) == ["Gastrointestinal", "Thoracic"])
        #expect(try store.board(id: "gi")?.name == "Gastrointestinal")
        let events = try store.auditEvents(caseId: nil, limit: 100).filter { $0.entityId == meeting.id }
        #expect(events.map(\.action) == ["meeting.create", "meeting.update"])
        #expect(events.map(\.user) == ["site_a", "site_b"])
    }

    @Test(arguments: Backend.available)
    func anAgendaIsPreparedByTwoMembersAndKeepsItsPositionsDense(backend: Backend) throws {
        let (store, other) = try backend.makeBoard(Fixtures.bundle)
        let id = try store.createMeeting(Self.details, id: "M-GI", timeZone: Self.utc, now: Fixtures.now).id
        let from = try store.auditHead().sequence
        #expect(
            try store.addToAgenda(
                meetingId: id, caseIds: ["C-2", "C-2"], presenter: "Dr. Lee", plannedMinutes: 10, now: Fixtures.now)
                == ["C-2"])
        #expect(
            try other("site_b").addToAgenda(
                meetingId: id, caseIds: ["C-2", "C-3"], presenter: nil, plannedMinutes: nil, now: Fixtures.now) == [
                    "C-3"
                ])
        #expect(throws: StoreError.self) {
            try store.addToAgenda(
                meetingId: id, caseIds: ["C-1"], presenter: nil, plannedMinutes: 5000, now: Fixtures.now)
        }
        #expect(throws: StoreError.self) {
            try store.addToAgenda(
                meetingId: id, caseIds: ["C-404"], presenter: nil, plannedMinutes: nil, now: Fixtures.now)
        }
        #expect(try store.headline(caseId: "C-2")?.status == .onAgenda)
        try store.moveAgendaItem(meetingId: id, caseId: "C-3", to: 1, now: Fixtures.now)
        #expect(try store.agenda(meetingId: id).map(\.item.caseId) == ["C-3", "C-2"])
        #expect(throws: StoreError.self) {
            try store.moveAgendaItem(meetingId: id, caseId: "C-3", to: 3, now: Fixtures.now)
        }
        #expect(throws: StoreError.self) { try store.reorderAgenda(meetingId: id, caseIds: ["C-2"], now: Fixtures.now) }
        try store.reorderAgenda(meetingId: id, caseIds: ["C-2", "C-3"], now: Fixtures.now)
        try store.setAgendaItem(
            meetingId: id, caseId: "C-2", presenter: .some(nil), plannedMinutes: .some(15), now: Fixtures.now)
        let rows = try store.agenda(meetingId: id)
        #expect(rows.map(\.item.position) == [1, 2] && rows[0].headline.patientName == "山田 花子")
        #expect(rows[0].item.presenter == nil && rows[0].item.plannedMinutes == 15)
        // Taken off again, a case goes back to the status it had before.
        try other("site_b").removeFromAgenda(meetingId: id, caseId: "C-2", now: Fixtures.now)
        #expect(try store.headline(caseId: "C-2")?.status == .new)
        #expect(try store.meeting(id: id)?.agenda.map(\.position) == [1])
        let actions = try store.auditEvents(caseId: "C-2", limit: 100).filter { $0.sequence > from }.map(\.action)
        #expect(
            actions == [
                "agenda.add", "case.status", "agenda.move", "agenda.move", "agenda.update", "agenda.remove",
                "case.status",
            ])
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func aMeetingRunsAndClosesAndItsDeferredCaseIsSuggestedNext(backend: Backend) throws {
        let (store, other) = try backend.makeBoard(Fixtures.bundle)
        let id = try store.createMeeting(Self.details, id: "M-GI", timeZone: Self.utc, now: Fixtures.now).id
        try store.addToAgenda(
            meetingId: id, caseIds: ["C-2", "C-3"], presenter: nil, plannedMinutes: nil, now: Fixtures.now)
        try store.setAttendance(meetingId: id, name: "Dr. Lee", present: true, now: Fixtures.now)
        #expect(throws: StoreError.self) {
            try store.setAttendance(meetingId: id, name: "Nobody", present: true, now: Fixtures.now)
        }
        let begun = Fixtures.now.addingTimeInterval(600)
        try store.startMeeting(id: id, now: begun)
        let running = try #require(try store.meeting(id: id))
        #expect(running.status == .inProgress && running.startedAt == begun)
        #expect(running.roster.first { $0.name == "Dr. Lee" }?.present == true)
        #expect(try store.addTimeSpent(meetingId: id, caseId: "C-2", seconds: 60, now: begun) == 60)
        #expect(try other("site_b").addTimeSpent(meetingId: id, caseId: "C-2", seconds: 30, now: begun) == 90)
        #expect(throws: StoreError.self) {
            try store.setOutcome(meetingId: id, caseId: "C-2", .deferred, reason: " ", now: begun)
        }
        try store.setOutcome(meetingId: id, caseId: "C-2", .deferred, reason: "await biopsy", now: begun)
        #expect(try store.headline(caseId: "C-2")?.status == .deferred)
        try store.addNote(
            caseId: "C-3", findingId: nil, trialId: nil, text: "Discussed FGFR2.", meetingId: id, now: begun)
        #expect(try store.casesWithoutFinalDecision(meetingId: id).map(\.item.caseId) == ["C-3"])
        let ended = begun.addingTimeInterval(3600)
        #expect(try store.closeMeeting(id: id, now: ended).map(\.item.caseId) == ["C-3"])
        // C-3 was still pending: it goes back to the status it had before the agenda.
        #expect(try store.headline(caseId: "C-3")?.status == .discussed)
        let closed = try #require(try store.meeting(id: id))
        #expect(closed.status == .closed && closed.endedAt == ended)
        #expect(throws: StoreError.self) {
            try store.addToAgenda(meetingId: id, caseIds: ["C-1"], presenter: nil, plannedMinutes: nil, now: ended)
        }
        #expect(throws: StoreError.self) { try store.updateMeeting(id: id, now: ended) { $0.location = "elsewhere" } }
        try store.setAttendance(meetingId: id, name: "Dr. Chen", present: false, now: ended)
        // The minutes' record: both cases with their findings, the note written during the meeting.
        let record = try store.meetingRecord(id: id, allFindings: false)
        #expect(record.board.name == "Gastrointestinal" && record.cases.map(\.id) == ["C-2", "C-3"])
        #expect(record.notes.map(\.text) == ["Discussed FGFR2."] && record.decisions.isEmpty)
        #expect(record.findingCounts == ["C-2": 1, "C-3": 1])
        #expect(record.earlierDecisions.map(\.id) == ["D-1"])
        let past = try store.meetingRecord(id: "M-PAST", allFindings: true)
        #expect(past.decisions.map(\.id) == ["D-1"] && past.cases.first?.findings.map(\.id) == ["C-3-F1"])
        #expect(past.decisionHashes["D-1"] == (try BoardStore.decisionHash(past.decisions[0])))
        // The board's next meeting is offered the case deferred at this one.
        var next = Self.details
        next.startsAt = Self.start.addingTimeInterval(7 * 86400)
        let nextId = try store.createMeeting(next, id: nil, timeZone: Self.utc, now: ended).id
        let suggestions = try store.agendaSuggestions(meetingId: nextId)
        #expect(suggestions.map(\.headline.id) == ["C-2"])
        #expect(suggestions.first?.reason == .deferred(meetingId: id, reason: "await biopsy"))
        #expect(try store.verify().isOK)
    }
}
