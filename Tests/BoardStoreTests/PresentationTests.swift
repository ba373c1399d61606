import BoardFormats
import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Each presentation of a case (each agenda entry) gets its own decision: a case presented again starts a new
/// decision instead of amending the old final one, and the earlier one stays as history (store and minutes).
@Suite("A new decision per presentation")
struct PresentationTests {
    static let second = "M-2026-12-17-MTB"

    /// The sample board with C-0001 (decided at M-2026-11-19-MTB) on a second meeting, and the chair's login mapped.
    static func represented() throws -> (store: BoardStore, chair: BoardStore) {
        let store = try MeetingStoreTests.sample()
        let m = try store.createMeeting(
            MeetingDetails(
                boardId: "mtb", startsAt: MeetingStoreTests.start("2026-12-17"), chair: "Inés Calderón",
                roster: [Attendee(name: "Inés Calderón", discipline: .medicalOncology)]),
            now: MeetingStoreTests.now)
        #expect(m.id == second)
        try store.addToAgenda(meetingId: m.id, caseIds: ["C-0001"], now: MeetingStoreTests.now)
        let chair = try Fixtures.chair(store, board: "mtb", person: "Inés Calderón", login: "icalderon")
        return (store, chair)
    }

    static func decide(_ store: BoardStore, _ chair: BoardStore, at: Date) throws -> Decision {
        var d = try store.newDecision(caseId: "C-0001", meetingId: second, now: at)
        d.recommendations = [Recommendation(kind: .chemotherapy, therapy: "Carboplatin + pemetrexed", priority: 1)]
        d.consensus = .unanimous
        let saved = try store.saveDecision(d, now: at)
        return try chair.signDecision(id: saved.id, expectedVersion: saved.version, now: at)
    }

    @Test func aCasePresentedAgainGetsANewDecisionAndKeepsTheOldOne() throws {
        let (store, chair) = try Self.represented()
        let at = MeetingStoreTests.start("2026-12-17").addingTimeInterval(1800)
        let signed = try Self.decide(store, chair, at: at)
        #expect(signed.meetingId == Self.second && signed.amends == nil && signed.signedByLogin == "icalderon")
        let record = try #require(try store.caseRecord(id: "C-0001"))
        #expect(record.decisions.map(\.id) == ["D-0001", signed.id])
        // The earlier decision is history, still final for its own meeting; the new one is in force.
        #expect(record.decisions[0].status == .final && record.decisions[0].meetingId == "M-2026-11-19-MTB")
        #expect(record.currentDecision?.id == signed.id)
        let presentation = try #require(record.history.first { $0.action == "decision.new-presentation" })
        #expect(presentation.before == "decision D-0001 (meeting M-2026-11-19-MTB)")
        #expect(presentation.after == "decision \(signed.id) (meeting \(Self.second))")
        #expect(try store.verify().isOK)
    }

    @Test func onePresentationHasOneDecision() throws {
        let (store, chair) = try Self.represented()
        let signed = try Self.decide(store, chair, at: MeetingStoreTests.start("2026-12-17"))
        // A second decision for the same presentation is refused: amend the signed one instead.
        do {
            try store.saveDecision(try store.newDecision(caseId: "C-0001", meetingId: Self.second))
            Issue.record("expected a refusal")
        } catch let error as StoreError {
            #expect(error.description.contains("already has decision \(signed.id) (final) from meeting \(Self.second)"))
        }
        // And a meeting the case is not on takes no decision for it.
        #expect(throws: StoreError.self) {
            try store.saveDecision(try store.newDecision(caseId: "C-0001", meetingId: "M-2026-12-03-MTB"))
        }
    }

    @Test func theMinutesShowTheNewDecisionAndTheEarlierOneAsHistory() throws {
        let (store, chair) = try Self.represented()
        try store.startMeeting(id: Self.second, now: MeetingStoreTests.start("2026-12-17").addingTimeInterval(-600))
        let signed = try Self.decide(store, chair, at: MeetingStoreTests.start("2026-12-17").addingTimeInterval(900))
        let r = try store.meetingRecord(id: Self.second)
        #expect(r.decisions.map(\.id) == [signed.id])
        #expect(r.earlierDecisions.map(\.id) == ["D-0001"])
        let text = MinutesWriter(
            meeting: r.meeting, board: r.board, cases: r.cases, notes: r.notes, decisions: r.decisions,
            decisionHashes: r.decisionHashes, trials: r.trials, earlierDecisions: r.earlierDecisions,
            meetingDates: r.meetingDates
        ).render(width: 200)
        #expect(text.contains("Earlier decision (meeting of Thu 19 Nov 2026): D-0001: 1. Clinical trial: "))
        #expect(text.contains("Decision:    \(signed.id), version 2, final"))
        #expect(!text.contains("none recorded"))
        #expect(text.contains("signed by Inés Calderón (login icalderon)"))
        // The real start (ten minutes early), with the planned one beside it.
        #expect(text.contains("Date:        Thu 17 Dec 2026 14:50 (UTC; planned 15:00)"))
        // The first meeting's minutes do not list the later decision as theirs.
        let first = try store.meetingRecord(id: "M-2026-11-19-MTB")
        #expect(first.decisions.contains { $0.id == "D-0001" } && first.earlierDecisions.isEmpty)
    }
}
