import BoardModel
import Foundation

/// Imports: bundles of records, lab files' findings (streamed; COPY on PostgreSQL) and case lists, each one transaction.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol ImportStore: Sendable {
    @discardableResult func importBundle(
        _ bundle: BoardBundle, dryRun: Bool, now: Date, progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> ImportSummary
    @discardableResult func importRecords(
        _ bundle: BoardBundle, partialCases: [Case], caseAdditions: [Case], findingBatches: [FindingBatch],
        findingStreams: [FindingStream], evidence: [EvidenceAttachment], evidenceLoci: [EvidenceLocus],
        skipped: [String], dryRun: Bool, now: Date, progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> ImportSummary
    @discardableResult func importCaseList(
        _ items: [CaseListItem], meetingId: String, file: String, dryRun: Bool, now: Date
    ) throws -> CaseListSummary
}
