import BoardFormats
import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// A spreadsheet case list applied to the store: creates or updates cases and fills the agenda in one
/// transaction; a row that cannot be applied leaves everything as it was.
@Suite("Case list import")
struct CaseListImportTests {
    static func items(_ csv: String) throws -> [CaseListItem] {
        let list = try CaseListReader.read(data: Data(csv.utf8), file: "list.csv")
        return list.entries.map { entry in
            CaseListItem(
                caseId: entry.caseId, mrn: entry.mrn, presenter: entry.presenter, plannedMinutes: entry.plannedMinutes,
                cannotCreate: entry.missingForNewCase, update: { entry.apply(to: &$0) },
                create: { id, patient in entry.makeCase(id: id, patient: patient, file: "list.csv") },
                identityConflict: { entry.identityConflict(with: $0) }, position: entry.position)
        }
    }

    /// Issue 15, bug 7: a case already on the agenda keeps the list's presenter and minutes (they were dropped), and a
    /// row numbered 1 goes first, not after the cases already on the agenda.
    @Test func listPresenterMinutesAndPositionsApplyToTheAgenda() throws {
        let store = try MeetingStoreTests.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: MeetingStoreTests.start("2026-12-17")), now: MeetingStoreTests.now)
        try store.addToAgenda(meetingId: m.id, caseIds: ["C-0018", "C-0021", "C-0024"], now: MeetingStoreTests.now)
        let csv = "Case,Presenter,Minutes,Position\nC-0021,Dr. Demir,12,\nC-0001,,,1\n"
        let summary = try store.importCaseList(
            try Self.items(csv), meetingId: m.id, file: "list.csv", now: MeetingStoreTests.now)
        #expect(summary.alreadyOnAgenda == ["C-0021"])
        let rows = try store.agenda(meetingId: m.id)
        #expect(rows.map(\.item.caseId) == ["C-0001", "C-0018", "C-0021", "C-0024"])
        #expect(rows.map(\.item.position) == [1, 2, 3, 4])
        let slot = try #require(rows.first { $0.item.caseId == "C-0021" })
        #expect(slot.item.presenter == "Dr. Demir" && slot.item.plannedMinutes == 12)
        #expect(try store.auditEvents().contains { $0.action == "agenda.update" && $0.caseId == "C-0021" })
        #expect(try store.verify().isOK)
    }

    /// Issue 12: the right patient or nothing. A row naming case C-0018 with another patient's MRN is refused and
    /// nothing of the list is written.
    @Test func aRowAboutAnotherPatientRefusesTheWholeList() throws {
        let store = try MeetingStoreTests.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: MeetingStoreTests.start("2026-12-17")), now: MeetingStoreTests.now)
        let before = try store.counts()
        let csv = "Case,MRN,ECOG\nC-0021,,2\nC-0018,MRN-999999,1\n"
        do {
            try store.importCaseList(try Self.items(csv), meetingId: m.id, file: "list.csv", now: MeetingStoreTests.now)
            Issue.record("a row about another patient was applied")
        } catch {
            #expect("\(error)".contains("line 3: case C-0018 belongs to a patient with another MRN"))
            #expect(!"\(error)".contains("MRN-999999"))
        }
        #expect(try store.counts() == before)
        #expect(try store.agenda(meetingId: m.id).isEmpty)
    }

    /// An invalid cell is left out and the rest of the list is imported.
    @Test func invalidValuesAreLeftOutAndTheImportGoesOn() throws {
        let store = try MeetingStoreTests.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: MeetingStoreTests.start("2026-12-17")), now: MeetingStoreTests.now)
        let ecogBefore = try store.caseRecord(id: "C-0018")?.record.performance?.ecog
        let csv = "Case,ECOG,Minutes\nC-0018,-1,500\nC-0021,1,15\n"
        let list = try CaseListReader.read(data: Data(csv.utf8), file: "list.csv")
        #expect(list.problems.count == 2)
        let summary = try store.importCaseList(
            try Self.items(csv), meetingId: m.id, file: "list.csv", now: MeetingStoreTests.now)
        #expect(summary.added == ["C-0018", "C-0021"])
        #expect(try store.caseRecord(id: "C-0018")?.record.performance?.ecog == ecogBefore)
        #expect(try store.caseRecord(id: "C-0021")?.record.performance?.ecog == 1)
        let rows = try store.agenda(meetingId: m.id)
        #expect(rows.map(\.item.plannedMinutes) == [nil, 15])
    }

    @Test func createsUpdatesAndAddsInListOrder() throws {
        let store = try MeetingStoreTests.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: MeetingStoreTests.start("2026-12-17")), now: MeetingStoreTests.now)
        let csv = """
            MRN;Case;Name;Diagnosis;ECOG;Presenter;Minutes
            MRN-105415;;;;3;Dr. Demir;12
            ;C-0021;;;;;
            MRN-999;;Nova, Ada;Mesothelioma;0;;8
            """
        let summary = try store.importCaseList(
            try Self.items(csv), meetingId: m.id, file: "list.csv", now: MeetingStoreTests.now)
        #expect(summary.updated == ["C-0018"])
        #expect(summary.unchanged == ["C-0021"])
        #expect(summary.created == ["C-0040"])  // the next free id after the sample's 39 cases
        let rows = try store.agenda(meetingId: m.id)
        #expect(rows.map(\.item.caseId) == ["C-0018", "C-0021", "C-0040"])
        #expect(rows[0].item.presenter == "Dr. Demir" && rows[0].item.plannedMinutes == 12)
        #expect(rows.allSatisfy { $0.headline.status == .onAgenda })
        #expect(try store.caseRecord(id: "C-0018")?.record.performance?.ecog == 3)
        #expect(try store.caseRecord(id: "C-0040")?.record.patient.mrn == "MRN-999")
        #expect(try store.verify().isOK)
    }

    @Test func aRowThatCannotBeAppliedLeavesNothingHalfImported() throws {
        let store = try MeetingStoreTests.sample()
        let m = try store.createMeeting(
            MeetingDetails(boardId: "mtb", startsAt: MeetingStoreTests.start("2026-12-17")), now: MeetingStoreTests.now)
        let before = try store.counts()
        let csv = "Case,ECOG,Diagnosis\nC-0018,4,\nC-0500,,\n"
        #expect(throws: StoreError.self) {
            try store.importCaseList(try Self.items(csv), meetingId: m.id, file: "list.csv", now: MeetingStoreTests.now)
        }
        #expect(try store.counts() == before)
        #expect(try store.agenda(meetingId: m.id).isEmpty)
        #expect(try store.caseRecord(id: "C-0018")?.record.performance?.ecog != 4)
    }
}
