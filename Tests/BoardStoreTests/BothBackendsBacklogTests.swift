import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// The home screen's backlog on both backends: its order (deferred first, then most recently updated, then id in byte
/// order) read by page, and each patient's vital status in the headline, as the patient's record says it, also after
/// the record changes (PostgreSQL reads both from columns and an index of their own, schema 9).
struct BothBackendsBacklogTests {
    /// The backlog's order stated plainly over the cases as saved: (id, status, minutes after Fixtures.now).
    static func expectedOrder(_ saved: [(String, CaseStatus, Int)]) -> [String] {
        saved.filter { $0.1 != .closed }
            .sorted { a, b in
                if (a.1 == .deferred) != (b.1 == .deferred) { return a.1 == .deferred }
                if a.2 != b.2 { return a.2 > b.2 }
                return Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8))
            }
            .map(\.0)
    }

    @Test(arguments: Backend.available)
    func theBacklogPagesInItsOrderThroughStatusChanges(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        let statuses: [CaseStatus] = [.new, .deferred, .closed, .discussed, .deferred, .new]
        var saved: [(String, CaseStatus, Int)] = []
        for n in 0..<30 {
            var record = Fixtures.cases[1]
            // Ids whose byte order differs from a natural or case-folding order ("C-b" after "C-B", "C-10" before "C-9").
            record.id = ["C-\(n)", "C-b\(n)", "C-B\(n)"][n % 3]
            record.patient.id = "P-\(n)"
            record.status = statuses[n % statuses.count]
            record.findings = []
            // Equal update times for some cases, so ties fall to the id.
            try store.saveCase(record, now: Fixtures.now.addingTimeInterval(Double(n / 4) * 60))
            saved.append((record.id, record.status, n / 4))
        }
        func check(_ when: Comment) throws {
            let expected = Self.expectedOrder(saved)
            #expect(try store.backlog(limit: 1_000, offset: 0).map(\.id) == expected, when)
            #expect(try store.backlogCount() == expected.count, when)
            var paged: [String] = []
            while true {
                let page = try store.backlog(limit: 7, offset: paged.count).map(\.id)
                paged += page
                if page.count < 7 { break }
            }
            #expect(paged == expected, when)
        }
        try check("after saving")
        // One time for all three changes, so the order among them falls to the id.
        for (id, status) in [("C-b1", CaseStatus.closed), ("C-B2", .deferred), ("C-0", .discussed)] {
            try store.setCaseStatus(caseId: id, to: status, now: Fixtures.now.addingTimeInterval(150 * 60))
            let at = try #require(saved.firstIndex { $0.0 == id })
            saved[at] = (id, status, 150)
        }
        try check("after status changes")
    }

    @Test(arguments: Backend.available)
    func aPatientsVitalStatusFollowsTheirRecordInTheLists(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        var record = Fixtures.cases[1]
        record.findings = []
        record.patient = Patient(
            id: record.patient.id, name: record.patient.name, birthDate: record.patient.birthDate,
            sex: record.patient.sex, vitalStatus: .alive)
        try store.saveCase(record, now: Fixtures.now)
        var headline = try #require(try store.headline(caseId: record.id))
        #expect(headline.vitalStatus == .alive && headline.deceasedOn == nil)
        record.patient.deceasedOn = LocalDate("2025-03-04")
        record.patient.vitalStatus = .deceased
        try store.saveCase(record, now: Fixtures.now.addingTimeInterval(60))
        headline = try #require(try store.headline(caseId: record.id))
        #expect(headline.vitalStatus == .deceased && headline.deceasedOn == LocalDate("2025-03-04"))
        let listed = try #require(try store.backlog(limit: 10, offset: 0).first { $0.id == record.id })
        #expect(listed.vitalStatus == .deceased && listed.deceasedOn == LocalDate("2025-03-04"))
        #expect(listed.identifiers.isEmpty)
    }

    /// The lists carry the patient's identifier values (for privacy mode's check of ids that hold one), as stored.
    @Test(arguments: Backend.available)
    func theListsCarryThePatientsIdentifiers(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        var record = Fixtures.cases[1]
        record.findings = []
        record.patient.identifiers = [
            PatientIdentifier(kind: .mrn, value: "40917788"), PatientIdentifier(kind: .national, value: "X-12"),
        ]
        try store.saveCase(record, now: Fixtures.now)
        #expect(try store.headline(caseId: record.id)?.identifiers == ["40917788", "X-12"])
        let listed = try #require(try store.backlog(limit: 10, offset: 0).first { $0.id == record.id })
        #expect(listed.identifiers == ["40917788", "X-12"])
    }
}
