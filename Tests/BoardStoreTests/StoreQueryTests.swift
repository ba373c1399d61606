import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Each query the screens need, against an in-memory store and a WAL file store.
@Suite("Store queries")
struct StoreQueryTests {
    enum Kind: CaseIterable { case memory, file }

    static func store(_ kind: Kind) throws -> BoardStore {
        switch kind {
        case .memory: return try Fixtures.seededStore()
        case .file:
            let store = try BoardStore.open(
                path: Fixtures.temporaryDirectory() + "/board.sqlite", user: "tester", keyring: Fixtures.keyring)
            try store.importBundle(Fixtures.bundle, now: Fixtures.now)
            return store
        }
    }

    @Test(arguments: Kind.allCases) func meetingsUpcomingAndPast(kind: Kind) throws {
        let store = try Self.store(kind)
        let (upcoming, past) = try store.meetings(around: Fixtures.now)
        #expect(upcoming.map(\.id) == ["M-UP"])
        #expect(past.map(\.id) == ["M-PAST"])
        #expect(upcoming[0].boardName == "Thoracic" && upcoming[0].caseCount == 1)
    }

    @Test(arguments: Kind.allCases) func agendaWithHeadlines(kind: Kind) throws {
        let rows = try Self.store(kind).agenda(meetingId: "M-UP")
        #expect(rows.count == 1)
        #expect(rows[0].headline.patientName == "Núñez, José")
        #expect(rows[0].headline.topFinding == "EGFR p.L858R")
        #expect(rows[0].item.presenter == "Dr. Lee")
    }

    @Test(arguments: Kind.allCases) func backlogExcludesCasesOnOpenAgendas(kind: Kind) throws {
        let backlog = try Self.store(kind).backlog()
        // C-1 is on the upcoming agenda; C-3 only on a closed meeting.
        #expect(Set(backlog.map(\.id)) == ["C-2", "C-3"])
        let gist = backlog.first { $0.id == "C-2" }!
        #expect(gist.missing.contains(.stage) && gist.missing.contains(.performanceStatus))
        #expect(gist.patientName == "山田 花子")
    }

    @Test(arguments: Kind.allCases) func caseRecordCarriesEverything(kind: Kind) throws {
        let record = try #require(try Self.store(kind).caseRecord(id: "C-3"))
        #expect(record.record.findings.map(\.id) == ["C-3-F1"])
        #expect(record.notes.map(\.id) == ["N-1"])
        #expect(record.currentDecision?.id == "D-1")
        #expect(record.meetings.map(\.id) == ["M-PAST"])
        #expect(record.history.map(\.action).contains("decision.record"))
        #expect(try Self.store(kind).caseRecord(id: "C-404") == nil)
    }

    @Test(arguments: Kind.allCases) func searchFoldsAccentsAndFindsNonLatin(kind: Kind) throws {
        let store = try Self.store(kind)
        #expect(try store.search("nunez").compactMap(\.caseId).contains("C-1"))
        #expect(try store.search("ostergaard").compactMap(\.caseId) == ["C-3"])
        #expect(try store.search("山田").compactMap(\.caseId) == ["C-2"])
        #expect(try store.search("L858R").first?.caseId == "C-1")
        #expect(try store.search("resume rna").map(\.kind) == ["note"])
        #expect(try store.search("osimertinib basket").map(\.ref) == ["NCT01234567"])
        #expect(try store.search("\"unbalanced").isEmpty)
        #expect(try store.search("   ").isEmpty)
    }

    @Test(arguments: Kind.allCases) func casesByMeetingKeepAgendaOrder(kind: Kind) throws {
        let store = try Self.store(kind)
        #expect(try store.cases().map(\.id) == ["C-1", "C-2", "C-3"])
        #expect(try store.cases(meetingId: "M-UP").map(\.id) == ["C-1"])
        #expect(throws: StoreError.notFound(kind: "meeting", id: "M-NONE")) { try store.cases(meetingId: "M-NONE") }
    }

    @Test func statusChangeIsAudited() throws {
        let store = try Fixtures.seededStore()
        try store.setCaseStatus(caseId: "C-2", to: .ready)
        let last = try #require(try store.auditEvents(caseId: "C-2").last)
        #expect(last.action == "case.status" && last.before == "new" && last.after == "ready" && last.user == "tester")
        #expect(try store.headline(caseId: "C-2")?.status == .ready)
        #expect(throws: StoreError.notFound(kind: "case", id: "C-9")) {
            try store.setCaseStatus(caseId: "C-9", to: .ready)
        }
    }
}
