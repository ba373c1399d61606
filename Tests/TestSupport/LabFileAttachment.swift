import BoardModel
import BoardStore
import Foundation

extension ImportStore {
    /// A lab file's findings attached to a case as `tumorboard import` attaches them: one report, the same each time,
    /// so a second call is a re-import of the file. The tests of big cases, bulk imports and the Molecular tab share it.
    public func attachLabFile(
        _ findings: [Finding], to caseId: String,
        report: MolecularReport = MolecularReport(id: "vcf:big.vcf:T", assay: "VCF"), sample: String? = nil,
        dryRun: Bool = false, now: Date
    ) throws {
        try importRecords(
            BoardBundle(), partialCases: [], caseAdditions: [],
            findingBatches: [FindingBatch(caseId: caseId, sample: sample, report: report, findings: findings)],
            findingStreams: [], evidence: [], evidenceLoci: [], skipped: [], dryRun: dryRun, now: now, progress: nil)
    }
}
