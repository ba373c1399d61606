import BoardModel
import Crypto
import Foundation

/// Writes lab-file findings into their cases inside a PostgreSQL import's transaction, with the rules of the SQLite
/// FindingWriter: a row's id is "<case>/<key>" ("@<specimen>" added for the same variant in another specimen of the
/// case), a row already stored with the same content is left, one with other content is updated, a new one is
/// appended after the case's last. Rows stream out every `flushRows` rows (new rows into a COPY of `finding` left
/// open while the next rows are prepared, changed rows by COPY into a temporary table applied with one UPDATE), so a
/// whole exome is never held until the end; per case only each row's id, report and a SHA-256 of its content are kept
/// (the server hashes the stored rows, so their bodies are not sent; a row new to the case is hashed only if the file
/// gives its id again), to tell new, changed and unchanged rows apart. At the end each touched case is refreshed once:
/// counters, top finding, reports, search document, one audit event.
final class PostgresFindingWriter {
    /// What the writer remembers of a row the case holds (stored, or written by this import).
    private struct StoredRow {
        var reportId: String?
        /// nil for a row this import wrote, until another row with its id needs it (`digest`): a new row costs no
        /// digest.
        var content: Data?
        /// The body holds several reports' calls (`Finding.sources`).
        var hasSources = false
    }

    private struct CaseState {
        var record: Case
        /// Findings the case had before this import.
        var before: Int
        var position: Int
        var rows: [String: StoredRow]
        var tally = LabFindingTally()
    }

    /// Rows sent per COPY.
    static let flushRows = 5_000

    private let store: PostgresBoardStore
    private let now: Date
    private var cases: [String: CaseState] = [:]
    private var touched: [String] = []
    private var caseOfSample: [String: String?] = [:]
    private var account = LabFindingAccount()
    /// Rows not sent yet, and where each case/id sits among them (a row written twice by one import is sent once).
    private var inserts: [PostgresFindingRow] = []
    private var updates: [PostgresFindingRow] = []
    private var pendingInsert: [String: Int] = [:]
    private var pendingUpdate: [String: Int] = [:]

    init(store: PostgresBoardStore, now: Date) {
        self.store = store
        self.now = now
    }

    private var connection: PGConnection { store.connection }

    /// The digest of what tells one version of a row from another (kind, gene, report, body); the server computes
    /// the same for stored rows (`storedContent`).
    private static func content(kind: String, gene: String?, reportId: String?, body: String) -> Data {
        var hash = SHA256()
        for part in [kind, gene ?? "\u{1}", reportId ?? "\u{1}"] {
            hash.update(data: Data(part.utf8))
            hash.update(data: [0])
        }
        hash.update(data: Data(body.utf8))
        return Data(hash.finalize())
    }

    /// `content` of a stored row, computed by the server and sent as hex digits (`encode`, whatever the session's
    /// `bytea_output`): a case's rows are compared without sending their bodies.
    private static let storedContent = """
        encode(sha256(convert_to(kind, 'UTF8') || '\\x00'::bytea || coalesce(convert_to(gene, 'UTF8'), '\\x01'::bytea)
          || '\\x00'::bytea || coalesce(convert_to(report_id, 'UTF8'), '\\x01'::bytea) || '\\x00'::bytea
          || convert_to(body, 'UTF8')), 'hex')
        """

    /// The bytes hex digits give (two a byte, either case); nil for anything else.
    static func bytes(hex text: String) -> Data? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = Data(capacity: digits.count / 2)
        var i = 0
        while i + 1 < digits.count {
            guard let high = value(digits[i]), let low = value(digits[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

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
        for row in chunk.findings {
            var body = String(decoding: row.body, as: UTF8.self)
            // The row's digest, computed only when the case holds a row with its id.
            var content: Data?
            var id = caseId + "/" + row.key
            var values = PostgresFindingRow(
                caseId: caseId, id: id, position: 0, prepared: row, reportId: reportId, body: body)
            var hasSources = false
            var redirected = false
            while let stored = state.rows[id] {
                let mine = content ?? Self.content(kind: row.kind, gene: row.gene, reportId: reportId, body: body)
                content = mine
                if try digest(of: id, caseId: caseId, in: &state) == mine { break }
                let placement = FindingPlacement.decide(
                    storedReport: stored.reportId, storedHasSources: stored.hasSources, incoming: chunk.report,
                    in: state.record)
                if case .ownRow(let suffix) = placement, !redirected {
                    // The same variant in another specimen of this case (a metastasis, a relapse): its own finding.
                    redirected = true
                    id = caseId + "/" + row.key + suffix
                    values = PostgresFindingRow(
                        caseId: caseId, id: id, position: 0, prepared: row, reportId: reportId, body: body)
                    continue
                }
                if placement == .merge {
                    // Another report of this specimen: one finding keeping both reports' calls.
                    let merged = try merge(caseId: caseId, id: id, row: row, reportId: reportId)
                    body = String(decoding: merged.body, as: UTF8.self)
                    content = Self.content(kind: merged.kind, gene: merged.gene, reportId: merged.reportId, body: body)
                    values = PostgresFindingRow(
                        caseId: caseId, id: id, position: 0, kind: merged.kind, gene: merged.gene, label: merged.label,
                        rank: merged.rank, reportId: merged.reportId, body: body, filtered: merged.filtered)
                    hasSources = FindingPlacement.hasSources(merged.body)
                }
                break
            }
            let unchanged = try content.map { try digest(of: id, caseId: caseId, in: &state) == $0 } ?? false
            let key = caseId + "\t" + id
            switch state.rows[id] {
            case .some where unchanged:
                state.tally.unchanged += 1
            case .some:
                if let i = pendingInsert[key] {
                    inserts[i] = values.at(position: inserts[i].position)
                } else if let i = pendingUpdate[key] {
                    updates[i] = values
                } else {
                    pendingUpdate[key] = updates.count
                    updates.append(values)
                }
                state.tally.updated += 1
                state.tally.links += row.links
            case .none:
                state.position += 1
                pendingInsert[key] = inserts.count
                inserts.append(values.at(position: state.position))
                state.tally.created += 1
                state.tally.links += row.links
            }
            state.rows[id] = StoredRow(reportId: values.reportId, content: content, hasSources: hasSources)
        }
        if inserts.count + updates.count >= Self.flushRows { try flush() }
    }

    /// The digest of the case's row `id` (`content`): kept, or computed from the row not sent yet, or asked of the
    /// server for a row this import sent already (rare: a file giving one variant twice).
    private func digest(of id: String, caseId: String, in state: inout CaseState) throws -> Data {
        guard var stored = state.rows[id] else { return Data() }
        if let known = stored.content { return known }
        let key = caseId + "\t" + id
        let computed: Data
        if let row = pendingInsert[key].map({ inserts[$0] }) ?? pendingUpdate[key].map({ updates[$0] }) {
            computed = Self.content(kind: row.kind, gene: row.gene, reportId: row.reportId, body: row.body)
        } else {
            let hex = try connection.query(
                "SELECT \(Self.storedContent) FROM finding WHERE case_id = $1 AND id = $2", [caseId, id]
            ).first?[0]
            computed = hex.flatMap(Self.bytes(hex:)) ?? Data()
        }
        stored.content = computed
        state.rows[id] = stored
        return computed
    }

    /// The stored finding `id` (sent or still pending) merged with `row` from another report of its specimen.
    private func merge(caseId: String, id: String, row: FindingWriter.Prepared, reportId: String) throws
        -> (kind: String, gene: String?, label: String, rank: Int, reportId: String?, body: [UInt8], filtered: Bool)
    {
        let key = caseId + "\t" + id
        let stored: (kind: String, gene: String?, reportId: String?, body: String)
        if let row = pendingInsert[key].map({ inserts[$0] }) ?? pendingUpdate[key].map({ updates[$0] }) {
            stored = (row.kind, row.gene, row.reportId, row.body)
        } else {
            guard
                let found = try connection.query(
                    "SELECT kind, gene, report_id, body FROM finding WHERE case_id = $1 AND id = $2", [caseId, id]
                ).first
            else { throw StoreError.invalid("finding \(id) vanished during the import") }
            stored = (found[0] ?? "", found[1], found[2], found[3] ?? "{}")
        }
        let old = try FindingJSON.decode(
            id: id, kind: stored.kind, gene: stored.gene, reportId: stored.reportId, body: stored.body)
        let new = try FindingJSON.decode(
            id: id, kind: row.kind, gene: row.gene, reportId: reportId, body: String(decoding: row.body, as: UTF8.self))
        let finding = old.merged(with: new)
        let p = try FindingPlacement.prepared(finding, key: row.key)
        return (p.kind, p.gene, p.label, p.rank, finding.reportId, p.body, p.filtered)
    }

    /// Sends what is left, refreshes every touched case and accounts for the import, once every chunk is written.
    func finish(summary: inout ImportSummary) throws {
        try flush()
        try account.finish(
            touched: touched, tally: { cases[$0]?.tally }, links: 0, into: &summary,
            refresh: { caseId, changed in
                if let state = cases[caseId] { try refresh(state, findingsChanged: changed) }
            })
    }

    /// Sends the rows written so far: new rows by COPY, changed rows by COPY into a temporary table and one UPDATE.
    private func flush() throws {
        if !inserts.isEmpty {
            // Left open: the server inserts these while the next rows are prepared (`PGConnection.stream`).
            try connection.stream(
                copy: "COPY finding(\(PostgresFindingRow.columns)) FROM STDIN", rows: inserts.map(\.values))
        }
        try Self.update(updates, on: connection)
        inserts.removeAll(keepingCapacity: true)
        updates.removeAll(keepingCapacity: true)
        pendingInsert.removeAll(keepingCapacity: true)
        pendingUpdate.removeAll(keepingCapacity: true)
    }

    /// Replaces stored rows (position aside) by COPY into a temporary table and one UPDATE per
    /// `flushRows` rows: one round trip and one run of the counting trigger, however many rows change.
    static func update(_ rows: [PostgresFindingRow], on connection: PGConnection) throws {
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + flushRows)
            try connection.execute(
                script: """
                    CREATE TEMPORARY TABLE IF NOT EXISTS finding_change (LIKE finding) ON COMMIT DELETE ROWS;
                    TRUNCATE finding_change
                    """)
            try connection.copy(
                "COPY finding_change(\(PostgresFindingRow.columns)) FROM STDIN", rows: rows[start..<end].map(\.values))
            try connection.query(
                """
                UPDATE finding f SET kind = c.kind, gene = c.gene, label = c.label, best_rank = c.best_rank,
                  report_id = c.report_id, body = c.body, filtered = c.filtered
                FROM finding_change c WHERE f.case_id = c.case_id AND f.id = c.id
                """)
            start = end
        }
    }

    private func caseFor(_ chunk: FindingWriter.Chunk) throws -> String? {
        let key = (chunk.caseId ?? "") + "\t" + (chunk.sample ?? "")
        if let known = caseOfSample[key] { return known }
        var resolved = try store.resolveCase(caseId: chunk.caseId, sample: chunk.sample)
        if resolved == nil, chunk.createsCase, let sample = chunk.sample, !sample.isEmpty {
            let base = LabFindingAccount.newCaseId(for: sample)
            var id = base
            var n = 1
            while true {
                // Ids taken are passed over without locking their cases.
                while try connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [id]).count > 0 {
                    n += 1
                    id = "\(base)-\(n)"
                }
                do {
                    // Made only if no case has the id, even one another session is making at this moment.
                    try store.writeCase(
                        LabFindingAccount.caseFor(sample: sample, id: id, report: chunk.report), now: now, new: true)
                    break
                } catch StoreError.alreadyExists {
                    n += 1
                    id = "\(base)-\(n)"
                }
            }
            account.casesCreated.append(id)
            resolved = id
        }
        caseOfSample[key] = resolved
        return resolved
    }

    private func load(_ caseId: String) throws -> CaseState? {
        guard let body = try connection.query("SELECT body FROM \"case\" WHERE id = $1 FOR UPDATE", [caseId]).first?[0]
        else { return nil }
        var rows: [String: StoredRow] = [:]
        var last = -1
        for row in try connection.query(
            """
            SELECT id, report_id, position, \(Self.storedContent) AS content, strpos(body, '"sources":') > 0 AS merged
            FROM finding WHERE case_id = $1
            """, [caseId]
        ) {
            rows[row.text("id")] = StoredRow(
                reportId: row["report_id"], content: Self.bytes(hex: row.text("content")) ?? Data(),
                hasSources: row.text("merged") == "t")
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
        let count = state.before + state.tally.created
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
