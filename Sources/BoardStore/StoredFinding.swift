import BoardModel
import Foundation
import GRDB

/// A finding row as the table holds it (see FindingJSON): what a whole-record import compares to decide
/// "created, updated or unchanged" without decoding JSON.
struct StoredFinding {
    var id: String
    var kind: String
    var gene: String?
    var label: String
    var rank: Int
    var reportId: String?
    var position: Int
    var body: String

    init(_ f: Finding, position: Int = 0) throws {
        id = f.id
        kind = f.kind.rawValue
        gene = f.gene
        label = f.label
        rank = f.evidenceRank
        reportId = f.reportId
        self.position = position
        body = try FindingJSON.bodyText(f)
    }

    init(row: Row) {
        id = row["id"]
        kind = row["kind"]
        gene = row["gene"]
        label = row["label"]
        rank = row["best_rank"]
        reportId = row["report_id"]
        position = row["position"]
        body = row["body"]
    }

    /// A row read from PostgreSQL (the same columns).
    init(row: PGRow) {
        id = row.text("id")
        kind = row.text("kind")
        gene = row["gene"]
        label = row.text("label")
        rank = row.int("best_rank") ?? 0
        reportId = row["report_id"]
        position = row.int("position") ?? 0
        body = row.text("body")
    }

    /// Everything that tells one version of the finding from another (the position aside).
    var content: [String?] { [id, kind, gene, reportId, body] }
}
