import BoardModel
import Foundation

/// Everything one `tumorboard import` read, written to PostgreSQL in one transaction as on SQLite
/// (BoardStore.importRecords): whole records, partial cases merged into existing ones, timeline events completing
/// cases, and lab files' findings (parsed on a second thread while this one writes; sent with COPY). The cases and
/// trials created or changed are in the summary, for matching again only what changed. Knowledge-base evidence
/// (CIViC files) is kept and swept over the stored findings as on SQLite (PostgresBoardStore+Evidence).
extension PostgresBoardStore: ImportStore {
    @discardableResult
    public func importRecords(
        _ bundle: BoardBundle, partialCases: [Case], caseAdditions: [Case], findingBatches: [FindingBatch],
        findingStreams: [FindingStream], evidence: [EvidenceAttachment], evidenceLoci: [EvidenceLocus],
        skipped: [String], dryRun: Bool, now: Date, progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> ImportSummary {
        return try inImport(dryRun: dryRun) {
            let knowledge = try evidenceIndex()
            var summary = try write(bundle, now: now, knowledge: knowledge, progress: nil)
            for partial in partialCases {
                summary.note(
                    "case",
                    try writeCase(CaseMerge.merge(try loadCase(partial.id), partial), now: now, knowledge: knowledge),
                    id: partial.id)
            }
            // Additions complete cases the store already holds; one about a patient it does not hold refuses the
            // whole import (AbsentPatientRule).
            var absent = AbsentPatientRule()
            for addition in caseAdditions {
                guard let existing = try loadCase(addition.id) else {
                    absent.missing(addition)
                    continue
                }
                summary.note(
                    "case", try writeCase(CaseMerge.merge(existing, addition), now: now, knowledge: knowledge),
                    id: addition.id)
            }
            try absent.check()
            let findings = PostgresFindingWriter(store: self, now: now)
            try LabFindingRun.run(
                batches: findingBatches, streams: findingStreams, knowledge: knowledge, summary: &summary,
                progress: progress, write: findings.write)
            try findings.finish(summary: &summary)
            if !evidence.isEmpty || !evidenceLoci.isEmpty {
                try attachEvidence(evidence, loci: evidenceLoci, now: now, summary: &summary)
            }
            summary.skipped += skipped
            return summary
        }
    }

    /// The case findings belong to: the one named, else a case whose id, report id or specimen id is the sample.
    func resolveCase(caseId: String?, sample: String?) throws -> String? {
        if let id = caseId {
            guard try connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [id]).count > 0 else {
                throw LabFindingAccount.noSuchCase(id)
            }
            return id
        }
        guard let sample, !sample.isEmpty else { return nil }
        let exists = { (id: String) in try self.connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [id]).count > 0
        }
        return try LabFindingAccount.caseId(
            forSample: sample,
            named: { name in
                if try exists(name) { return name }
                return try self.connection.query(
                    """
                    SELECT c.id FROM "case" c, jsonb_array_elements(coalesce(c.body::jsonb -> 'reports', '[]'::jsonb)) r
                    WHERE r -> 'specimen' ->> 'id' = $1 OR r ->> 'id' = $1 ORDER BY c.id COLLATE "C" LIMIT 1
                    """, [name]
                ).first?[0]
            }, exists: exists)
    }
}
