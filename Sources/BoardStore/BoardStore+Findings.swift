import BoardModel
import Foundation
import GRDB
import GRDBSQLite

extension BoardStore {
    /// Writes everything one `tumorboard import` read, in one transaction: whole records (as `importBundle`),
    /// partial cases merged into existing ones, finding batches attached to their cases, finding streams (VCF and
    /// MAF files parsed on a second thread while this one writes), and evidence attached to matching findings.
    /// With `dryRun` the transaction is rolled back. `progress` gets (done, total) in rows of the batches plus
    /// bytes of the streams. A stream's error (a bad line) rolls everything back, like any other.
    @discardableResult
    public func importRecords(
        _ bundle: BoardBundle, partialCases: [Case] = [], caseAdditions: [Case] = [],
        findingBatches: [FindingBatch] = [],
        findingStreams: [FindingStream] = [],
        evidence: [EvidenceAttachment] = [], evidenceLoci: [EvidenceLocus] = [], skipped: [String] = [],
        dryRun: Bool = false, now: Date = Date(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> ImportSummary {
        try run {
            try db.writeWithoutTransaction { db in
                var summary = ImportSummary()
                try db.inTransaction(.immediate) {
                    let knowledge = try EvidenceIndex.load(db)
                    summary = try write(bundle, in: db, now: now, knowledge: knowledge, progress: nil)
                    let writer = RecordWriter(db: db, user: user, now: now, knowledge: knowledge)
                    for partial in partialCases {
                        let existing = try Self.loadCase(db, id: partial.id)
                        summary.note(
                            "case", try writer.case(CaseMerge.merge(existing, partial), summary: &summary),
                            id: partial.id)
                    }
                    // Additions complete cases the store already holds; one about a patient it does not hold refuses
                    // the whole import (AbsentPatientRule).
                    var absent = AbsentPatientRule()
                    for addition in caseAdditions {
                        guard let existing = try Self.loadCase(db, id: addition.id) else {
                            absent.missing(addition)
                            continue
                        }
                        summary.note(
                            "case", try writer.case(CaseMerge.merge(existing, addition), summary: &summary),
                            id: addition.id)
                    }
                    try absent.check()
                    let rows = findingBatches.reduce(0) { $0 + $1.findings.count }
                    let total = rows + findingStreams.reduce(0) { $0 + $1.size }
                    // Bulk rows: a larger page cache for this connection keeps the finding B-tree in memory (64 MB;
                    // SQLite's default is 2 MB),
                    // and above about 10,000 rows (a lab file of 2 MB or more, at some 200 bytes a record) the per-row
                    // finding triggers are set aside until the rows are written (BulkFindingTriggers): their tables are
                    // then recomputed per touched case, a cost a few rows into a big case would not repay.
                    if total > 10_000 { try db.execute(sql: "PRAGMA cache_size = -65536") }
                    let expectedRows = rows + findingStreams.reduce(0) { $0 + $1.size / 200 }
                    let suspended = expectedRows > 10_000 ? try BulkFindingTriggers(db) : nil
                    let findings = try FindingWriter(store: self, db: db, now: now)
                    try LabFindingRun.run(
                        batches: findingBatches, streams: findingStreams, knowledge: knowledge, summary: &summary,
                        progress: progress, write: findings.write)
                    try findings.finish(summary: &summary)
                    try suspended?.restore(db, cases: findings.touchedCases)
                    if !evidence.isEmpty || !evidenceLoci.isEmpty {
                        try attachEvidence(db, evidence, loci: evidenceLoci, now: now, summary: &summary)
                    }
                    if !findingBatches.isEmpty || !findingStreams.isEmpty || !partialCases.isEmpty
                        || !caseAdditions.isEmpty
                    {
                        // Each touched case's findings document is rewritten too (review 7 #11).
                        try SearchIndex.tidy(
                            db,
                            documents: 2 * (partialCases.count + caseAdditions.count) + findings.touchedCases.count)
                    }
                    summary.skipped += skipped
                    return dryRun ? .rollback : .commit
                }
                return summary
            }
        }
    }

    /// The case findings belong to: the one named, else a case whose id, report id or specimen id is the sample.
    func resolveCase(_ db: Database, caseId: String?, sample: String?) throws -> String? {
        if let id = caseId {
            guard try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", id) else {
                throw LabFindingAccount.noSuchCase(id)
            }
            return id
        }
        guard let sample, !sample.isEmpty else { return nil }
        return try LabFindingAccount.caseId(
            forSample: sample, named: { try caseNamed(db, $0) },
            exists: { try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", $0) })
    }

    /// The case whose id, or one of whose reports' id or specimen id, is `name`.
    private func caseNamed(_ db: Database, _ name: String) throws -> String? {
        if try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", name) { return name }
        return try String.fetchOne(
            db,
            sql: """
                SELECT c.id FROM "case" c, json_each(c.body, '$.reports') r
                WHERE json_extract(r.value, '$.specimen.id') = ? OR json_extract(r.value, '$.id') = ? ORDER BY c.id LIMIT 1
                """, arguments: [name, name])
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
        guard var value else {
            sqlite3_bind_null(stmt, index)
            return
        }
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = sqlite3_bind_text(stmt, index, chars.baseAddress ?? emptyText, Int32(chars.count), transient)
            }
        }
    }

    /// Whether a result column holds exactly these UTF-8 bytes (NULL equals only nil).
    static func column(_ stmt: SQLiteStatement, _ index: Int32, equals value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard sqlite3_column_type(stmt, index) != SQLITE_NULL, let text = sqlite3_column_text(stmt, index) else {
            return false
        }
        let count = Int(sqlite3_column_bytes(stmt, index))
        return count == value.count && (count == 0 || memcmp(text, value.baseAddress!, count) == 0)
    }

    static func column(_ stmt: SQLiteStatement, _ index: Int32, equals value: String?) -> Bool {
        guard var value else { return sqlite3_column_type(stmt, index) == SQLITE_NULL }
        return value.withUTF8 { column(stmt, index, equals: $0) }
    }

    /// Binds UTF-8 bytes as text; SQLite copies them.
    static func bytes(_ stmt: SQLiteStatement, _ index: Int32, _ value: UnsafeBufferPointer<UInt8>) {
        value.withMemoryRebound(to: CChar.self) { chars in
            _ = sqlite3_bind_text(stmt, index, chars.baseAddress ?? emptyText, Int32(chars.count), transient)
        }
    }
}
