import BoardModel
import Foundation

/// Writes lab-file findings into their cases inside a PostgreSQL import's transaction, with the rules of the SQLite
/// FindingWriter: a row's id is "<case>/<key>" ("@<specimen>" added for the same variant in another specimen of the
/// case), a row already stored with the same content is left, one with other content is updated, a new one is
/// appended after the case's last. Rows are kept per case in memory and sent at the end with COPY (new rows straight
/// into `finding`, changed rows into a temporary table and applied with one UPDATE), then each touched case is
/// refreshed once: counters, top finding, reports, search document, one audit event.
final class PostgresFindingWriter {
    private struct CaseState {
        var record: Case
        /// Findings the case had before this import.
        var before: Int
        var position: Int
        /// id → kind, gene, report id, body of every row the case holds (stored, or written by this import).
        var rows: [String: [String?]]
        var inserts: [[String?]] = []
        var updates: [[String?]] = []
        var created = 0, updated = 0, unchanged = 0, links = 0
    }

    private let store: PostgresBoardStore
    private let now: Date
    private var cases: [String: CaseState] = [:]
    private var touched: [String] = []
    private var caseOfSample: [String: String?] = [:]
    private var account = LabFindingAccount()

    init(store: PostgresBoardStore, now: Date) {
        self.store = store
        self.now = now
    }

    private var connection: PGConnection { store.connection }

    func write(_ chunk: FindingWriter.Chunk) throws {
        guard let caseId = try caseFor(chunk) else {
            account.unmatched(chunk)
            return
        }
        account.attached(chunk)
        guard var state = try cases[caseId] ?? load(caseId) else { return }
        cases[caseId] = nil  // edited in place, put back below
        defer { cases[caseId] = state }
        if let i = state.record.reports.firstIndex(where: { $0.id == chunk.report.id }) {
            if state.record.reports[i] != chunk.report { state.record.reports[i] = chunk.report }
        } else {
            state.record.reports.append(chunk.report)
        }
        let reportId = chunk.report.id
        let specimen = chunk.report.specimen?.id
        for row in chunk.findings {
            let body = String(decoding: row.body, as: UTF8.self)
            let content: [String?] = [row.kind, row.gene, reportId, body]
            var id = caseId + "/" + row.key
            if let stored = state.rows[id], stored != content, let specimen,
                Self.specimen(of: stored[2], in: state.record).map({ $0 != specimen }) == true
            {
                // The same variant in another specimen of this case (a metastasis, a relapse): a finding of its own.
                id += "@" + specimen
            }
            let values: [String?] = [caseId, id, "0", row.kind, row.gene, row.label, String(row.rank), reportId, body]
            switch state.rows[id] {
            case .some(let stored) where stored == content:
                state.unchanged += 1
            case .some:
                state.updates.append(values)
                state.updated += 1
                state.links += row.links
            case .none:
                state.position += 1
                var insert = values
                insert[2] = String(state.position)
                state.inserts.append(insert)
                state.created += 1
                state.links += row.links
            }
            state.rows[id] = content
        }
    }

    /// The specimen a report describes, from the case's reports.
    private static func specimen(of reportId: String?, in record: Case) -> String? {
        guard let reportId else { return nil }
        return record.reports.first { $0.id == reportId }?.specimen?.id
    }

    /// Sends the rows, refreshes every touched case and accounts for the import, once every chunk is written.
    func finish(summary: inout ImportSummary) throws {
        try account.requireSomeCase()
        account.report(into: &summary)
        var counts = summary.counts["finding", default: ImportSummary.Counts()]
        var links = 0
        for caseId in touched {
            guard let state = cases[caseId] else { continue }
            counts.created += state.created
            counts.updated += state.updated
            counts.unchanged += state.unchanged
            links += state.links
            let changed = state.created + state.updated > 0
            try send(state)
            try refresh(state, findingsChanged: changed)
            summary.note(
                "case", account.casesCreated.contains(caseId) ? .created : changed ? .updated : .unchanged, id: caseId)
        }
        summary.counts["finding"] = counts
        if links > 0 { summary.counts["evidence link", default: ImportSummary.Counts()].created += links }
    }

    private func send(_ state: CaseState) throws {
        let columns = "case_id, id, position, kind, gene, label, best_rank, report_id, body"
        if !state.inserts.isEmpty {
            try connection.copy("COPY finding(\(columns)) FROM STDIN", rows: state.inserts)
        }
        guard !state.updates.isEmpty else { return }
        try connection.execute(
            script: """
                CREATE TEMPORARY TABLE IF NOT EXISTS finding_change (LIKE finding) ON COMMIT DELETE ROWS;
                TRUNCATE finding_change
                """)
        try connection.copy("COPY finding_change(\(columns)) FROM STDIN", rows: state.updates)
        try connection.query(
            """
            UPDATE finding f SET kind = c.kind, gene = c.gene, label = c.label, best_rank = c.best_rank,
              report_id = c.report_id, body = c.body
            FROM finding_change c WHERE f.case_id = c.case_id AND f.id = c.id
            """)
    }

    private func caseFor(_ chunk: FindingWriter.Chunk) throws -> String? {
        let key = (chunk.caseId ?? "") + "\t" + (chunk.sample ?? "")
        if let known = caseOfSample[key] { return known }
        var resolved = try store.resolveCase(caseId: chunk.caseId, sample: chunk.sample)
        if resolved == nil, chunk.createsCase, let sample = chunk.sample, !sample.isEmpty {
            let base = LabFindingAccount.newCaseId(for: sample)
            var id = base
            var n = 1
            while try connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [id]).count > 0 {
                n += 1
                id = "\(base)-\(n)"
            }
            try store.writeCase(LabFindingAccount.caseFor(sample: sample, id: id, report: chunk.report), now: now)
            account.casesCreated.append(id)
            resolved = id
        }
        caseOfSample[key] = resolved
        return resolved
    }

    private func load(_ caseId: String) throws -> CaseState? {
        guard let body = try connection.query("SELECT body FROM \"case\" WHERE id = $1 FOR UPDATE", [caseId]).first?[0]
        else { return nil }
        var rows: [String: [String?]] = [:]
        var last = -1
        for row in try connection.query(
            "SELECT id, kind, gene, report_id, body, position FROM finding WHERE case_id = $1", [caseId])
        {
            rows[row.text("id")] = [row["kind"], row["gene"], row["report_id"], row["body"]]
            last = max(last, row.int("position") ?? -1)
        }
        touched.append(caseId)
        return CaseState(
            record: try Codec.decode(Case.self, from: body), before: rows.count, position: last, rows: rows)
    }

    /// After a case's findings changed: its row's counters and top finding, its body (reports), the search document
    /// and one audit event.
    private func refresh(_ state: CaseState, findingsChanged: Bool) throws {
        let record = state.record
        let body = try Codec.encode(record)
        let oldBody = try connection.query("SELECT body FROM \"case\" WHERE id = $1", [record.id]).first?[0]
        guard findingsChanged || oldBody != body else { return }
        let count = state.before + state.created
        let top = try connection.query(
            """
            SELECT label FROM finding WHERE case_id = $1 AND best_rank < 99 ORDER BY best_rank, position LIMIT 1
            """, [record.id]
        ).first?[0]
        var missing = record.missingData
        if count > 0 { missing.removeAll { $0 == .molecularReport } }
        try connection.query(
            """
            UPDATE "case" SET body = $1, finding_count = $2, top_finding = $3, missing = $4, updated_at = $5 WHERE id = $6
            """,
            [
                body, String(count), top, missing.map(\.rawValue).joined(separator: ","), PGValue.time(now), record.id,
            ])
        try store.appendAudit(
            action: "case.findings", entity: "case", entityId: record.id, caseId: record.id,
            before: "\(state.before) findings", after: "\(count) findings", at: now)
        // Search: distinct labels of PASS findings, best evidence first, then in file order (as on SQLite).
        let labels = try connection.query(
            """
            SELECT label FROM finding WHERE case_id = $1 AND strpos(body, '"filter":') = 0
            GROUP BY label ORDER BY min(best_rank), min(position) LIMIT $2
            """, [record.id, String(SearchIndex.findingLabelLimit)]
        ).map { $0.text("label") }
        try store.putSearch(
            SearchDocument(
                kind: "findings", ref: record.id, caseId: record.id, label: record.diagnosis.text,
                title: record.diagnosis.text, body: SearchIndex.terms(labels).joined(separator: " · ")))
    }
}
