import BoardModel
import Foundation
import GRDB
import Testing

@testable import BoardStore

/// The home screen's backlog is read by page through two indexed walks, and its size comes from counts the
/// triggers keep (migration v9): both must say exactly what a plain query over every case says, whatever changes.
@Suite struct BacklogPagingTests {
    /// The backlog as one plain query over every case states it (the definition the pages must follow).
    func plainBacklog(_ store: BoardStore) throws -> [String] {
        try store.db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT c.id FROM "case" c WHERE c.status <> 'closed' AND NOT EXISTS (
                        SELECT 1 FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                        WHERE a.case_id = c.id AND m.status <> 'closed')
                    ORDER BY c.status = 'deferred' DESC, c.updated_at DESC, c.id
                    """)
        }
    }

    func check(_ store: BoardStore, _ when: Comment) throws {
        let expected = try plainBacklog(store)
        #expect(try store.backlog(limit: 10_000).map(\.id) == expected, when)
        #expect(try store.backlogCount() == expected.count, when)
        var paged: [String] = []
        var offset = 0
        while true {
            let page = try store.backlog(limit: 7, offset: offset).map(\.id)
            paged += page
            offset += 7
            if page.count < 7 { break }
        }
        #expect(paged == expected, when)
    }

    @Test func pagesAndCountFollowThePlainQueryThroughChanges() throws {
        let store = try Fixtures.seededStore()
        let statuses: [CaseStatus] = [.new, .deferred, .closed, .discussed, .deferred, .new]
        let template = Fixtures.cases[1]
        for n in 0..<40 {
            var c = template
            c.id = "C-\(100 + n)"
            c.status = statuses[n % statuses.count]
            c.findings = []
            // Equal update times for some cases, so ties fall to the id.
            try store.importBundle(BoardBundle(cases: [c]), now: Fixtures.now.addingTimeInterval(Double(n / 3) * 60))
        }
        try check(store, "after import")
        try store.setCaseStatus(caseId: "C-101", to: .closed, now: Fixtures.now.addingTimeInterval(9_000))
        try store.setCaseStatus(caseId: "C-102", to: .deferred, now: Fixtures.now.addingTimeInterval(9_100))
        try store.setCaseStatus(caseId: "C-100", to: .new, now: Fixtures.now.addingTimeInterval(9_200))
        try check(store, "after status changes")
        try store.addToAgenda(meetingId: "M-UP", caseIds: ["C-103", "C-104", "C-2"], now: Fixtures.now)
        try check(store, "after cases went onto an open agenda")
        try store.db.write { db in try db.execute(sql: "DELETE FROM \"case\" WHERE id = 'C-105'") }
        try check(store, "after a case was deleted")
    }
}
