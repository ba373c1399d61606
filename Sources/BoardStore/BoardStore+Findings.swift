import Foundation
import GRDB
import GRDBSQLite
import BoardModel

extension BoardStore {
    /// Writes everything one `tumorboard import` read, in one transaction: whole records (as `importBundle`),
    /// partial cases merged into existing ones, finding batches attached to their cases, and evidence attached
    /// to matching findings. With `dryRun` the transaction is rolled back. `progress` gets (done, total) rows.
    @discardableResult
    public func importRecords(_ bundle: BoardBundle, partialCases: [Case] = [], findingBatches: [FindingBatch] = [],
                              evidence: [EvidenceAttachment] = [], skipped: [String] = [], dryRun: Bool = false, now: Date = Date(),
                              progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try run {
            try db.writeWithoutTransaction { db in
                var summary = ImportSummary()
                try db.inTransaction(.immediate) {
                    summary = try write(bundle, in: db, now: now, progress: nil)
                    let writer = RecordWriter(db: db, user: user, now: now)
                    for partial in partialCases {
                        let existing = try loadCase(db, id: partial.id)
                        summary.note("case", try writer.case(CaseMerge.merge(existing, partial), summary: &summary))
                    }
                    let total = findingBatches.reduce(0) { $0 + $1.findings.count }
                    // Bulk rows touch four B-trees each (table, id, case and gene indexes): a larger page cache
                    // for this connection keeps them in memory (64 MB; SQLite's default is 2 MB).
                    if total > 10_000 { try db.execute(sql: "PRAGMA cache_size = -65536") }
                    var done = 0
                    var attached = 0
                    var unmatched: [String] = []
                    for batch in findingBatches {
                        guard let caseId = try resolveCase(db, batch: batch) else {
                            unmatched.append(batch.sample ?? "(unnamed)")
                            summary.skipped.append("\(batch.findings.count) finding(s) of sample \(batch.sample ?? "(unnamed)"): no case has that id or specimen id (use --case)")
                            done += batch.findings.count
                            continue
                        }
                        try attach(db, batch: batch, to: caseId, now: now, summary: &summary) { n in
                            progress?(done + n, total)
                        }
                        done += batch.findings.count
                        attached += 1
                        progress?(done, total)
                    }
                    if attached == 0 && !findingBatches.isEmpty && findingBatches.contains(where: { !$0.findings.isEmpty }) {
                        throw StoreError.invalid("no case for sample\(unmatched.count == 1 ? "" : "s") \(unmatched.joined(separator: ", ")): "
                            + "expected a case id or a report specimen id equal to the sample name; pass --case ID to choose the case")
                    }
                    if !evidence.isEmpty { try attachEvidence(db, evidence, now: now, summary: &summary) }
                    if !findingBatches.isEmpty || !partialCases.isEmpty {
                        try db.execute(sql: "INSERT INTO search(search) VALUES ('optimize')")
                    }
                    summary.skipped += skipped
                    return dryRun ? .rollback : .commit
                }
                return summary
            }
        }
    }

    func loadCase(_ db: Database, id: String) throws -> Case? {
        guard let body = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"), arguments: [id]) else { return nil }
        var record = try Codec.decode(Case.self, from: body)
        record.findings = try String.fetchAll(db.cachedStatement(sql: "SELECT body FROM finding WHERE case_id = ? ORDER BY position"), arguments: [id])
            .map { try Codec.decode(Finding.self, from: $0) }
        return record
    }

    /// The case a batch belongs to: the one named, else a case whose id, report id or specimen id is the sample.
    func resolveCase(_ db: Database, batch: FindingBatch) throws -> String? {
        if let id = batch.caseId {
            guard try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", id) else {
                throw StoreError.invalid("case \(id) is neither in the store nor in the import; import the case first")
            }
            return id
        }
        guard let sample = batch.sample, !sample.isEmpty else { return nil }
        if try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", sample) { return sample }
        return try String.fetchOne(db, sql: """
            SELECT c.id FROM "case" c, json_each(c.body, '$.reports') r
            WHERE json_extract(r.value, '$.specimen.id') = ? OR json_extract(r.value, '$.id') = ? ORDER BY c.id LIMIT 1
            """, arguments: [sample, sample])
    }

    /// Upserts a batch's findings into a case, keeping its other findings and data; adds the batch's report.
    func attach(_ db: Database, batch: FindingBatch, to caseId: String, now: Date, summary: inout ImportSummary, tick: (Int) -> Void) throws {
        guard var record = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"), arguments: [caseId])
            .map({ try Codec.decode(Case.self, from: $0) }) else { return }
        var existing: [String: String] = [:]
        existing.reserveCapacity(batch.findings.count)
        var position = -1
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, body, position FROM finding WHERE case_id = ?"), arguments: [caseId]) {
            existing[row["id"]] = row["body"]
            position = max(position, row["position"])
        }
        let before = existing.count
        var report = batch.report
        if report.specimen?.id == nil { report.specimen = nil }
        if let i = record.reports.firstIndex(where: { $0.id == report.id }) {
            if record.reports[i] != report { record.reports[i] = report }
        } else {
            record.reports.append(report)
        }
        let insert = try db.makeStatement(sql: "INSERT INTO finding(id, case_id, position, kind, gene, label, best_rank, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let update = try db.makeStatement(sql: "UPDATE finding SET kind = ?4, gene = ?5, label = ?6, best_rank = ?7, body = ?8 WHERE id = ?1")
        var created = 0, updated = 0, unchanged = 0
        for (n, original) in batch.findings.enumerated() {
            var finding = original
            finding.id = caseId + "/" + original.id
            finding.reportId = report.id
            let body = try FindingJSON.encode(finding)
            if let old = existing[finding.id] {
                if old == body { unchanged += 1; continue }
                let u = update.sqliteStatement
                sqlite3_reset(u)
                RawRow.text(u, 1, finding.id); RawRow.text(u, 4, finding.kind.rawValue); RawRow.text(u, 5, finding.gene)
                RawRow.text(u, 6, finding.label); sqlite3_bind_int64(u, 7, Int64(finding.bestEvidence?.level.rank ?? 99)); RawRow.text(u, 8, body)
                try RawRow.step(u, db: db)
                updated += 1
            } else {
                position += 1
                let s = insert.sqliteStatement
                sqlite3_reset(s)
                RawRow.text(s, 1, finding.id); RawRow.text(s, 2, caseId); sqlite3_bind_int64(s, 3, Int64(position))
                RawRow.text(s, 4, finding.kind.rawValue); RawRow.text(s, 5, finding.gene); RawRow.text(s, 6, finding.label)
                sqlite3_bind_int64(s, 7, Int64(finding.bestEvidence?.level.rank ?? 99)); RawRow.text(s, 8, body)
                try RawRow.step(s, db: db) // ids are unique within a batch (the readers drop duplicates)
                created += 1
            }
            if n % 20000 == 19999 { tick(n + 1) }
        }
        var counts = summary.counts["finding", default: ImportSummary.Counts()]
        counts.created += created; counts.updated += updated; counts.unchanged += unchanged
        summary.counts["finding"] = counts
        try refreshCase(db, record, findingsChanged: created + updated > 0, before: before, now: now)
        summary.note("case", created + updated > 0 ? .updated : .unchanged)
    }

    /// After findings changed: the case row's counters and top finding, its body (reports), the search document
    /// and one audit event.
    func refreshCase(_ db: Database, _ record: Case, findingsChanged: Bool, before: Int, now: Date) throws {
        let body = try Codec.encode(record)
        let oldBody = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"), arguments: [record.id])
        guard findingsChanged || oldBody != body else { return }
        let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM finding WHERE case_id = ?"), arguments: [record.id]) ?? 0
        let top = try String.fetchOne(db.cachedStatement(sql: "SELECT label FROM finding WHERE case_id = ? AND best_rank < 99 ORDER BY best_rank, position LIMIT 1"),
                                      arguments: [record.id])
        var missing = record.missingData
        if count > 0 { missing.removeAll { $0 == .molecularReport } }
        try db.execute(sql: "UPDATE \"case\" SET body = ?, finding_count = ?, top_finding = ?, missing = ?, updated_at = ? WHERE id = ?",
                       arguments: [body, count, top, missing.map(\.rawValue).joined(separator: ","), now.timeIntervalSince1970, record.id])
        try AuditTrail.append(db, user: user, action: "case.findings", entity: "case", entityId: record.id, caseId: record.id,
                              before: "\(before) findings", after: "\(count) findings", at: now)
        // Search: distinct gene/protein terms of PASS findings, capped so a whole-exome file stays a small document.
        let labels = try String.fetchAll(db, sql: """
            SELECT label FROM finding WHERE case_id = ? AND instr(body, '"filter":') = 0
            GROUP BY label ORDER BY min(best_rank), min(position) LIMIT 5000
            """, arguments: [record.id])
        let terms = labels.map { $0.contains(" p.") ? $0 + " " + $0.replacingOccurrences(of: " p.", with: " ") : $0 }
        try SearchIndex.put(db, kind: "findings", ref: record.id, caseId: record.id, label: record.diagnosis.text, title: record.diagnosis.text, body: terms.joined(separator: " · "))
    }
}

/// Binding and stepping a prepared statement through the SQLite C API: the per-row cost of the bulk finding path.
enum RawRow {
    nonisolated(unsafe) static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    nonisolated(unsafe) static let emptyText: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.pointee = 0
        return UnsafePointer(p)
    }()

    /// Binds text (or NULL) to a 1-based parameter; SQLite copies the bytes.
    static func text(_ stmt: SQLiteStatement, _ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(stmt, index); return }
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = sqlite3_bind_text(stmt, index, chars.baseAddress ?? emptyText, Int32(chars.count), transient)
            }
        }
    }

    static func step(_ stmt: SQLiteStatement, db: Database) throws {
        let rc = sqlite3_step(stmt)
        if rc != SQLITE_DONE {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(stmt)
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message)
        }
    }
}
