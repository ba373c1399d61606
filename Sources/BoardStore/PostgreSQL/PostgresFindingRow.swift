import BoardModel
import Foundation

/// One row of PostgreSQL's `finding` table as the store sends it (`columns`, in that order, by COPY or as
/// parameters). Built only here, so that an import's lab findings, a case's own findings and the evidence sweep
/// cannot disagree on a column.
struct PostgresFindingRow {
    /// The columns every row gives, in the order of `values`.
    static let columns = "case_id, id, position, kind, gene, label, best_rank, report_id, body, filtered"

    /// The row's values as text, `nil` for NULL.
    private(set) var values: [String?]

    init(
        caseId: String, id: String, position: Int, kind: String, gene: String?, label: String, rank: Int,
        reportId: String?, body: String, filtered: Bool
    ) {
        values = [
            caseId, id, String(position), kind, gene, label, String(rank), reportId, body, filtered ? "1" : "0",
        ]
    }

    /// A lab file's prepared call (`FindingWriter.Prepared`) under the report that wrote it.
    init(caseId: String, id: String, position: Int, prepared p: FindingWriter.Prepared, reportId: String?, body: String)
    {
        self.init(
            caseId: caseId, id: id, position: position, kind: p.kind, gene: p.gene, label: p.label, rank: p.rank,
            reportId: reportId, body: body, filtered: p.filtered)
    }

    /// A finding of a case's own record, as `RecordRewrite` placed it.
    init(caseId: String, stored s: StoredFinding, filtered: Bool) {
        self.init(
            caseId: caseId, id: s.id, position: s.position, kind: s.kind, gene: s.gene, label: s.label, rank: s.rank,
            reportId: s.reportId, body: s.body, filtered: filtered)
    }

    /// A stored finding as it is now (its position is not sent: an UPDATE keeps the stored one).
    init(caseId: String, id: String, finding f: Finding) throws {
        self.init(
            caseId: caseId, id: id, position: 0, kind: f.kind.rawValue, gene: f.gene, label: f.label,
            rank: f.evidenceRank, reportId: f.reportId, body: try FindingJSON.bodyText(f), filtered: f.isFiltered)
    }

    var id: String { values[1] ?? "" }
    var position: Int { Int(values[2] ?? "") ?? 0 }
    var kind: String { values[3] ?? "" }
    var gene: String? { values[4] }
    var reportId: String? { values[7] }
    var body: String { values[8] ?? "" }

    /// The same row at another place in its case.
    func at(position: Int) -> PostgresFindingRow {
        var row = self
        row.values[2] = String(position)
        return row
    }
}
