import BoardFormats
import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Preparing and running meetings through the store API: ids, agenda order, outcomes with case status,
/// attendance, closing, suggestions, and an audit event for every change.
@Suite("Meetings in the store")
struct MeetingStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_770_000)  // Fri 27 Nov 2026 09:00 UTC

    static func sample() throws -> BoardStore {
        let store = try BoardStore.inMemory(user: "coordinator")
        try store.importBundle(try SampleBoardTests.bundle(), now: now)
        return store
    }

    static func start(_ day: String) -> Date { InstantFormat.parse(day + "T15:00:00Z")! }

    @Test func idsAreReadableAndSuffixedOnCollision() throws {
        let store = try Self.sample()
        let a = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: Self.start("2026-12-17")), now: Self.now)
        // A second meeting the same day (later): same date in the id, so suffixed.
        let b = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: InstantFormat.parse("2026-12-17T17:00:00Z")!), now: Self.now)
        let c = try store.createMeeting(
            MeetingDetails(boardId: "gi", startsAt: Self.start("2026-12-03")), now: Self.now)
        #expect(a.id == "M-2026-12-17-MTB")
        #expect(b.id == "M-2026-12-17-MTB-2")
        #expect(c.id == "M-2026-12-03-GI")
        #expect(a.status == .planned)
        #expect(throws: StoreError.notFound(kind: "board", id: "nope")) {
            try store.createMeeting(MeetingDetails(boardId: "nope", startsAt: Self.now))
        }
        #expect(throws: StoreError.self) {
            try store.createMeeting(
                MeetingDetails(
                    boardId: "mtb", startsAt: Self.now,
                    roster: [Attendee(name: "A", discipline: .surgery), Attendee(name: "A", discipline: .pathology)]))
        }
    }

    /// Issue 15, bug 8: a position outside the agenda is refused (not clamped silently), a second meeting of the
    /// same board at the same time is refused, and planned minutes outside 1–240 are refused; nothing changes.
    @Test func moveOutsideTheAgendaAndDuplicateMeetingsAreRefused() throws {
        let store = try Self.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: Self.start("2026-12-17")), now: Self.now)
        try store.addToAgenda(meetingId: m.id, caseIds: ["C-0018", "C-0021"], now: Self.now)
        for position in [0, 3, 99, -1] {
            #expect(throws: StoreError.self) {
                try store.moveAgendaItem(meetingId: m.id, caseId: "C-0021", to: position, now: Self.now)
            }
        }
        #expect(try store.agenda(meetingId: m.id).map(\.item.caseId) == ["C-0018", "C-0021"])
        try store.moveAgendaItem(meetingId: m.id, caseId: "C-0021", to: 1, now: Self.now)
        #expect(try store.agenda(meetingId: m.id).map(\.item.caseId) == ["C-0021", "C-0018"])
        #expect(throws: StoreError.self) {
            try store.createMeeting(MeetingDetails(boardId: "mtb", startsAt: Self.start("2026-12-17")), now: Self.now)
        }
        #expect(throws: StoreError.self) {
            try store.addToAgenda(meetingId: m.id, caseIds: ["C-0024"], plannedMinutes: 5000, now: Self.now)
        }
        #expect(try store.allMeetings(boardId: "mtb").filter { $0.startsAt == Self.start("2026-12-17") }.count == 1)
    }

    @Test func agendaAddMoveRemoveKeepsPositionsDenseAndAudits() throws {
        let store = try Self.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: Self.start("2026-12-17"), chair: "Inés Calderón"), now: Self.now)
        let before = try store.auditEvents().count
        let added = try store.addToAgenda(
            meetingId: m.id, caseIds: ["C-0018", "C-0021", "C-0024", "C-0018"], plannedMinutes: 10, now: Self.now)
        #expect(added == ["C-0018", "C-0021", "C-0024"])
        #expect(try store.headline(caseId: "C-0024")?.status == .onAgenda)
        try store.moveAgendaItem(meetingId: m.id, caseId: "C-0024", to: 1, now: Self.now)
        #expect(try store.agenda(meetingId: m.id).map(\.item.caseId) == ["C-0024", "C-0018", "C-0021"])
        #expect(try store.agenda(meetingId: m.id).map(\.item.position) == [1, 2, 3])
        try store.setAgendaItem(
            meetingId: m.id, caseId: "C-0018", presenter: .some("Yusuf Demir"), plannedMinutes: .some(15), now: Self.now
        )
        try store.removeFromAgenda(meetingId: m.id, caseId: "C-0024", now: Self.now)
        let rows = try store.agenda(meetingId: m.id)
        #expect(rows.map(\.item.caseId) == ["C-0018", "C-0021"])
        #expect(rows.map(\.item.position) == [1, 2])
        #expect(rows[0].item.presenter == "Yusuf Demir" && rows[0].item.plannedMinutes == 15)
        // Removed: back to the status it had before ("new").
        #expect(try store.headline(caseId: "C-0024")?.status == .new)
        try store.reorderAgenda(meetingId: m.id, caseIds: ["C-0021", "C-0018"], now: Self.now)
        #expect(try store.agenda(meetingId: m.id).map(\.item.caseId) == ["C-0021", "C-0018"])
        let actions = try store.auditEvents().dropFirst(before).map(\.action)
        for action in ["agenda.add", "case.status", "agenda.move", "agenda.update", "agenda.remove"] {
            #expect(actions.contains(action), "no \(action) event")
        }
        #expect(try store.verify().isOK)
    }

    @Test func runningTheMeetingRecordsTimeOutcomesAttendanceAndEnd() throws {
        let store = try Self.sample()
        let id = "M-2026-12-03-MTB"
        try store.startMeeting(id: id, now: Self.start("2026-12-03"))
        #expect(try store.meeting(id: id)?.status == .inProgress)
        #expect(try store.addTimeSpent(meetingId: id, caseId: "C-0003", seconds: 300) == 300)
        #expect(try store.addTimeSpent(meetingId: id, caseId: "C-0003", seconds: 90) == 390)
        try store.setOutcome(meetingId: id, caseId: "C-0003", .discussed)
        #expect(try store.headline(caseId: "C-0003")?.status == .discussed)
        #expect(throws: StoreError.self) {
            try store.setOutcome(meetingId: id, caseId: "C-0004", .deferred, reason: "  ")
        }
        try store.setOutcome(meetingId: id, caseId: "C-0004", .deferred, reason: "Awaiting PET-CT")
        #expect(try store.headline(caseId: "C-0004")?.status == .deferred)
        try store.setOutcome(meetingId: id, caseId: "C-0006", .represent, reason: "after two cycles")
        #expect(try store.headline(caseId: "C-0006")?.status == .ready)
        try store.setAttendance(meetingId: id, name: "Kwame Mensah", present: true)
        #expect(try store.meeting(id: id)?.roster.first { $0.name == "Kwame Mensah" }?.present == true)
        #expect(throws: StoreError.self) { try store.setAttendance(meetingId: id, name: "Nobody", present: true) }

        let lacking = try store.casesWithoutFinalDecision(meetingId: id)
        // C-0003 discussed without a decision and the five still pending; deferred/re-present are not asked about.
        #expect(lacking.map(\.item.caseId) == ["C-0003", "C-0007", "C-0010", "C-0014", "C-0015", "C-0020"])
        let end = Self.start("2026-12-03").addingTimeInterval(7200)
        try store.closeMeeting(id: id, now: end)
        let closed = try #require(try store.meeting(id: id))
        #expect(closed.status == .closed && closed.endedAt == end)
        // Pending cases leave the agenda's status behind.
        #expect(try store.headline(caseId: "C-0007")?.status != .onAgenda)
        #expect(throws: StoreError.self) { try store.addToAgenda(meetingId: id, caseIds: ["C-0018"]) }
        let actions = try store.auditEvents(limit: 40).map(\.action)
        for action in ["meeting.status", "agenda.time", "agenda.outcome", "meeting.attendance"] {
            #expect(actions.contains(action))
        }
        #expect(try store.verify().isOK)
    }

    @Test func suggestionsPutDeferredCasesAndDueFollowUpsFirst() throws {
        let store = try Self.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: Self.start("2027-02-25")), now: Self.now)
        let suggestions = try store.agendaSuggestions(meetingId: m.id)
        // C-0016 was deferred at the board's last closed meeting; D-0003's follow-up (2027-01-28) and D-0001's (2027-02-18) are due.
        #expect(suggestions.first?.headline.id == "C-0016")
        if case .deferred(let meeting, let reason) = suggestions.first?.reason {
            #expect(meeting == "M-2026-11-19-MTB")
            #expect(reason?.hasPrefix("Central pathology review") == true)
        } else {
            Issue.record("C-0016 not suggested as deferred")
        }
        let followUps = suggestions.dropFirst().map(\.headline.id)
        #expect(followUps.contains("C-0013") && followUps.contains("C-0001"))
        #expect(followUps.firstIndex(of: "C-0013")! < followUps.firstIndex(of: "C-0001")!)
        // Nothing already on an open agenda.
        #expect(!followUps.contains("C-0010"))
        // Early in December nothing is due yet except the deferred case.
        let early = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: Self.start("2026-12-10")), now: Self.now)
        #expect(try store.agendaSuggestions(meetingId: early.id).map(\.headline.id) == ["C-0016"])
    }

    /// The hash the minutes print, checked against a digest worked out outside Swift: the canonical JSON below (sorted
    /// keys, instants in milliseconds) hashed with python3's hashlib.sha256. A change to the canonical form breaks
    /// every printed copy's check, so it must show here.
    @Test func decisionHashIsTheSHA256OfTheCanonicalJSON() throws {
        let decision = Decision(
            id: "D-1", caseId: "C-1", meetingId: "M-1", status: .final, consensus: .unanimous,
            attendeesPresent: ["Ada Chair"], signedBy: "Ada Chair",
            signedAt: Date(timeIntervalSince1970: 1_800_000_000.25),
            recordedBy: "coord", recordedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let encoded = try Codec.encode(decision)
        #expect(encoded == Self.canonicalJSON)
        #expect(try BoardStore.decisionHash(decision) == Self.canonicalDigest)
        var changed = decision
        changed.attendeesPresent.append("Ben")
        #expect(try BoardStore.decisionHash(changed) != Self.canonicalDigest)
        // The meeting record carries that hash for each of its decisions.
        let record = try Self.sample().meetingRecord(id: "M-2026-11-19-MTB")
        #expect(record.decisions.map(\.id) == ["D-0001", "D-0002", "D-0003", "D-0004", "D-0005", "D-0006"])
        for d in record.decisions { #expect(record.decisionHashes[d.id] == (try BoardStore.decisionHash(d))) }
    }

    static let canonicalJSON =
        #"{"attendeesPresent":["Ada Chair"],"caseId":"C-1","consensus":"unanimous","dissent":[],"id":"D-1","#
        + #""meetingId":"M-1","recommendations":[],"recordedAt":1800000000000,"recordedBy":"coord","#
        + #""signedAt":1800000000250,"signedBy":"Ada Chair","status":"final","version":1}"#
    static let canonicalDigest = "73488160c9e9478f1ad7209b4253bf9f893473f0a0ce8e5c4a037cd4fce6a16b"
}
