import BoardModel
import Foundation

/// Knowledge-base evidence (CIViC files) on PostgreSQL, as on SQLite (`BoardStore.attachEvidence`): the entries and the
/// loci of their variants are kept for findings still to come (schema 5), applied to each finding as it is written,
/// and swept over the findings the store already holds (`EvidenceSweep`, the rules both backends share).
extension PostgresBoardStore {
    /// The evidence the store keeps, in the order it was kept (SQLite's rowid order), so that a finding's entries come
    /// in the same order on both backends.
    func evidenceIndex() throws -> EvidenceIndex {
        EvidenceIndex(
            try connection.query("SELECT gene, variant, body FROM evidence ORDER BY created_order").map {
                EvidenceAttachment(
                    gene: $0.text("gene"), variant: $0.text("variant"),
                    entry: try Codec.decode(EvidenceEntry.self, from: $0.text("body")))
            },
            loci: try connection.query(
                "SELECT gene, variant, build, chrom, start, stop, ref, alt FROM evidence_locus ORDER BY created_order"
            ).map {
                EvidenceLocus(
                    gene: $0.text("gene"), variant: $0.text("variant"), build: $0.text("build"),
                    chrom: $0.text("chrom"), start: $0.int("start") ?? 0, stop: $0.int("stop"), ref: $0.text("ref"),
                    alt: $0.text("alt"))
            })
    }

    /// Keeps the entries and loci, adds the entries to every finding they now reach (entries a finding carries are
    /// left alone) and reports what matched nothing yet; inside the import's transaction.
    func attachEvidence(
        _ evidence: [EvidenceAttachment], loci: [EvidenceLocus], now: Date, summary: inout ImportSummary
    ) throws {
        let used = EvidenceSweep.noteKept(
            evidence: evidence,
            release: try EvidenceIndex.save(PostgresEvidenceShelf(connection: connection), evidence),
            loci: loci, newLoci: try keep(loci: loci), into: &summary)
        var sweep = EvidenceSweep(index: try evidenceIndex(), given: used, summary: summary)
        var builds = ReportBuilds()
        // One pass over the findings, read through a cursor in batches (a whole board does not fit in one result).
        try connection.query(
            "DECLARE evidence_sweep NO SCROLL CURSOR FOR SELECT case_id, id, kind, gene, report_id, body FROM finding")
        defer { _ = try? connection.query("CLOSE evidence_sweep") }
        while true {
            let batch = try connection.query("FETCH FORWARD 10000 FROM evidence_sweep")
            for row in batch where sweep.mayReach(gene: row["gene"]) {
                let caseId = row.text("case_id")
                let finding = try PostgresFindingList.finding(row)
                try sweep.visit(caseId: caseId, id: row.text("id"), finding: finding) {
                    try builds.build(caseId: caseId, report: finding.reportId) { try loadCase($0, findings: false) }
                }
            }
            if batch.count < 10_000 { break }
        }
        // The changed rows in one UPDATE per 5,000 (a round trip and a trigger per row made a big board's sweep
        // take minutes), the touched cases' top findings in one statement.
        try PostgresFindingWriter.update(
            sweep.changed.map { try PostgresFindingRow(caseId: $0.caseId, id: $0.id, finding: $0.finding) },
            on: connection)
        let touched = sweep.touchedCases
        if !touched.isEmpty {
            try connection.query(
                """
                UPDATE "case" c SET top_finding = (SELECT label FROM finding f WHERE f.case_id = c.id AND best_rank < 99
                  ORDER BY best_rank, position LIMIT 1) WHERE c.id = ANY($1::text[])
                """, [Self.array(touched)])
        }
        for caseId in touched {
            try appendAudit(action: "case.evidence", entity: "case", entityId: caseId, caseId: caseId, at: now)
        }
        sweep.finish(into: &summary)
    }

    /// Keeps loci for findings still to come, a statement per 1,000 (a CIViC variant summary has thousands);
    /// returns how many were new.
    private func keep(loci: [EvidenceLocus]) throws -> Int {
        var created = 0
        var start = 0
        while start < loci.count {
            let batch = loci[start..<min(start + 1_000, loci.count)]
            start += batch.count
            var values: [String?] = []
            var tuples: [String] = []
            for l in batch {
                let n = values.count
                tuples.append("(" + (1...8).map { "$\(n + $0)" }.joined(separator: ", ") + ")")
                values += [
                    l.gene.uppercased(), l.variant, l.build, l.chrom, String(l.start), l.stop.map(String.init), l.ref,
                    l.alt,
                ]
            }
            created +=
                try connection.query(
                    "INSERT INTO evidence_locus(gene, variant, build, chrom, start, stop, ref, alt) VALUES "
                        + tuples.joined(separator: ", ") + " ON CONFLICT DO NOTHING RETURNING 1", values
                ).count
        }
        return created
    }
}

/// PostgreSQL's `evidence` rows for `EvidenceRelease` (created_order stands for SQLite's rowid).
struct PostgresEvidenceShelf: EvidenceShelf {
    let connection: PGConnection

    func forEachKept(_ body: (Int64, String, String, String) throws -> Void) throws {
        for row in try connection.query(
            "SELECT created_order, gene, variant, body FROM evidence ORDER BY created_order")
        {
            try body(Int64(row.text("created_order")) ?? 0, row.text("gene"), row.text("variant"), row.text("body"))
        }
    }

    func delete(row: Int64) throws {
        try connection.query("DELETE FROM evidence WHERE created_order = $1", [String(row)])
    }

    func insert(gene: String, variant: String, body: String) throws -> Int64? {
        try connection.query(
            "INSERT INTO evidence(gene, variant, body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING created_order",
            [gene, variant, body]
        ).first.flatMap { Int64($0.text("created_order")) }
    }
}
