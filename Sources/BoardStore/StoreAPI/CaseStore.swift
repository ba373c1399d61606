import BoardModel
import Foundation

/// Cases: the lists, one case's record, saving and correcting a case.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol CaseStore: Sendable {
    func saveCase(_ record: Case, now: Date) throws
    /// A new case only: the existence check and the write are one transaction (`StoreError.alreadyExists`).
    func addCase(_ record: Case, now: Date) throws
    func setCaseStatus(caseId: String, to status: CaseStatus, now: Date) throws
    @discardableResult func editCase(id: String, field: CaseField, to typed: String, now: Date) throws -> Case
    func caseRecord(id: String, on day: LocalDate) throws -> CaseRecord?
    /// A big case (more than `FindingList.wholeCaseLimit` findings) with `.summary` holds only its summary.
    func caseRecord(id: String, on day: LocalDate, findings: CaseFindings) throws -> CaseRecord?
    /// One page of a case's findings in the Molecular tab's order (`kinds` nil: every kind).
    func findingPage(caseId: String, kinds: [FindingKind]?, from anchor: FindingListAnchor, limit: Int) throws
        -> [FindingListRow]
    func finding(caseId: String, id: String) throws -> Finding?
    func cases(meetingId: String?, limit: Int, offset: Int) throws -> [CaseHeadline]
    func headline(caseId: String) throws -> CaseHeadline?
    func backlog(limit: Int, offset: Int) throws -> [CaseHeadline]
    func backlogCount() throws -> Int
    func counts() throws -> [String: Int]
    func requireSamePatient(caseId: String, records: [Case]) throws
}
