import BoardModel
import Foundation
import GRDB
import GRDBSQLite

/// Writes lab-file findings into their cases inside an import's transaction, chunk by chunk: keeps each case's
/// state across chunks (whether it had findings, the next position, its reports, counts), looks each row up by
/// key and inserts, updates or leaves it through the SQLite C API (the per-row cost of a VCF/MAF import), and
/// refreshes every touched case once at the end.
final class FindingWriter {
    /// One finding made ready on the parsing thread (its row but for the case, which the body does not hold).
    struct Prepared: Sendable {
        var key: String
        var kind: String
        var gene: String?
        var label: String
        var rank: Int
        /// FILTER was PASS (or absent): the finding's label is a search term.
        var pass: Bool
        /// The caller's filters rejected the call (`Finding.isFiltered`): listed after the passing calls.
        var filtered: Bool
        /// The body names fusion partners; a germline origin (the flag columns, `CaseFactsIndex.flags`).
        var partnered: Bool
        var germline: Bool
        var body: [UInt8]
        /// Evidence entries the store's knowledge base added.
        var links: Int
        /// The report the row keeps when it is not the chunk's (a merged finding keeps its first report's id).
        var reportId: String? = nil

        init(_ f: Finding, key: String, links: Int) throws {
            self.key = key
            kind = f.kind.rawValue
            gene = f.gene
            label = f.label
            rank = f.evidenceRank
            pass = f.filter == nil
            filtered = f.isFiltered
            let body = try FindingJSON.body(f)
            let flags = body.withUnsafeBufferPointer { CaseFactsIndex.flags(body: $0) }
            self.body = body
            partnered = flags.partnered
            germline = flags.germline
            self.links = links
        }
    }

    struct Chunk: Sendable {
        var caseId: String?
        var sample: String?
        var report: MolecularReport
        var findings: [Prepared]
        var createsCase = false
        /// The lab file's name (errors name the file, never only a sample).
        var file: String?
    }

    /// Runs on the parsing thread: everything about a row that does not depend on its case, with the evidence the
    /// store keeps applied.
    static func prepare(_ batch: FindingBatch, knowledge: EvidenceIndex, file: String? = nil) throws -> Chunk {
        var report = batch.report
        if report.specimen?.id == nil { report.specimen = nil }
        let rows = try batch.findings.map { original -> Prepared in
            var f = original
            let links = knowledge.isEmpty ? 0 : knowledge.apply(to: &f, build: report.genomeBuild).added
            return try Prepared(f, key: f.id, links: links)
        }
        return Chunk(
            caseId: batch.caseId, sample: batch.sample, report: report, findings: rows, createsCase: batch.createsCase,
            file: file.map { URL(fileURLWithPath: $0).lastPathComponent })
    }

    /// What the store holds under a row's id: nothing, the same content, or other content (from this report).
    private enum Stored {
        case absent, same
        case differs(reportId: String?)
    }

    private struct CaseState {
        var record: Case
        var idPrefix: [UInt8]
        /// Findings the case had before this import: with none, rows are inserted without looking first.
        var before: Int
        var position: Int
        var tally = LabFindingTally()
        /// While the case had no findings before and every row written is new and without evidence, the search
        /// terms are simply the first distinct labels of PASS rows, gathered here instead of by a query.
        var plain: Bool
        var labels: [String] = []
        var labelSet: Set<String> = []
    }

    private let store: BoardStore
    private let db: Database
    private let now: Date
    private var cases: [String: CaseState] = [:]
    private var touched: [String] = []
    /// The cases this import wrote findings into (or loaded to), in the order first met.
    var touchedCases: [String] { touched }
    private var caseOfSample: [String: String?] = [:]
    /// Samples without a case, and cases made for samples no case had (a MAF's barcodes).
    private var account = LabFindingAccount()
    private var links = 0
    private var insert: Statement
    private var update: Statement
    private var select: Statement
    private var id: [UInt8] = []

    init(store: BoardStore, db: Database, now: Date) throws {
        self.store = store
        self.db = db
        self.now = now
        insert = try db.makeStatement(
            sql: """
                INSERT INTO finding(case_id, id, position, kind, gene, label, best_rank, report_id, body, filtered, partnered, germline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        update = try db.makeStatement(
            sql: """
                UPDATE finding SET kind = ?4, gene = ?5, label = ?6, best_rank = ?7, report_id = ?8, body = ?9, filtered = ?10, partnered = ?11, germline = ?12 WHERE case_id = ?1 AND id = ?2
                """)
        select = try db.makeStatement(
            sql: "SELECT kind, gene, report_id, body FROM finding WHERE case_id = ? AND id = ?")
    }

    func write(_ chunk: Chunk) throws {
        guard let caseId = try caseFor(chunk) else {
            account.unmatched(chunk)
            return
        }
        account.attached(chunk)
        guard var state = try cases[caseId] ?? load(caseId) else { return }
        cases[caseId] = nil  // edited in place, put back below (no copy of its dictionary)
        defer { cases[caseId] = state }
        if let i = state.record.reports.firstIndex(where: { $0.id == chunk.report.id }) {
            if state.record.reports[i] != chunk.report { state.record.reports[i] = chunk.report }
        } else {
            state.record.reports.append(chunk.report)
        }
        let ins = insert.sqliteStatement
        let upd = update.sqliteStatement
        let sel = select.sqliteStatement
        // Bindings stay across resets: the case and report are bound once per chunk.
        for s in [ins, upd, sel] {
            sqlite3_reset(s)
            RawRow.text(s, 1, caseId)
        }
        RawRow.text(ins, 8, chunk.report.id)
        RawRow.text(upd, 8, chunk.report.id)
        for row in chunk.findings {
            setId(state.idPrefix, row.key)
            var found = Stored.absent
            if state.before > 0 {
                found = try stored(sel, row, reportId: chunk.report.id)
            } else {
                // A case that had no findings: insert straight away; a clash means this import wrote the id already.
                state.position += 1
                if try step(ins, row, position: state.position, allowConflict: true) {
                    created(row, &state)
                    continue
                }
                state.plain = false
                found = try stored(sel, row, reportId: chunk.report.id)
            }
            var row = row
            var redirected = false
            while case .differs(let other) = found {
                let placement = FindingPlacement.decide(
                    storedReport: other, storedHasSources: FindingPlacement.hasSources(storedBody(sel)),
                    incoming: chunk.report, in: state.record)
                if case .ownRow(let suffix) = placement, !redirected {
                    // The same variant in another specimen of this case (a metastasis, a relapse): its own finding.
                    redirected = true
                    setId(state.idPrefix, row.key, suffix: suffix)
                    found = try stored(sel, row, reportId: chunk.report.id)
                    continue
                }
                if placement == .merge {
                    // Another report of this specimen: one finding keeping both reports' calls.
                    let (merged, same) = try merge(sel, row, reportId: chunk.report.id)
                    row = merged
                    if same { found = .same }
                }
                break
            }
            switch found {
            case .same:
                state.tally.unchanged += 1
            case .differs:
                if let kept = row.reportId {
                    // A merged finding keeps its first report in the row; the chunk's report is bound back after.
                    RawRow.text(upd, 8, kept)
                    defer { RawRow.text(upd, 8, chunk.report.id) }
                    try step(upd, row, position: nil)
                } else {
                    try step(upd, row, position: nil)
                }
                state.tally.updated += 1
                state.plain = false
                links += row.links
            case .absent:
                state.position += 1
                try step(ins, row, position: state.position)
                created(row, &state)
            }
        }
    }

    private func created(_ row: Prepared, _ state: inout CaseState) {
        state.tally.created += 1
        links += row.links
        if row.rank != 99 { state.plain = false }
        if state.plain && row.pass && state.labels.count < SearchIndex.findingLabelLimit
            && state.labelSet.insert(row.label).inserted
        {
            state.labels.append(row.label)
        }
    }

    /// Looks the current id up (case bound once per chunk) and compares the stored row with `row` byte for byte.
    private func stored(_ s: SQLiteStatement, _ row: Prepared, reportId: String) throws -> Stored {
        sqlite3_reset(s)
        id.withUnsafeBufferPointer { RawRow.bytes(s, 2, $0) }
        let rc = sqlite3_step(s)
        if rc == SQLITE_DONE { return .absent }
        guard rc == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        let same =
            RawRow.column(s, 0, equals: row.kind) && RawRow.column(s, 1, equals: row.gene)
            && RawRow.column(s, 2, equals: reportId)
            && row.body.withUnsafeBufferPointer { RawRow.column(s, 3, equals: $0) }
        if same { return .same }
        return .differs(
            reportId: sqlite3_column_type(s, 2) == SQLITE_NULL ? nil : String(cString: sqlite3_column_text(s, 2)))
    }

    /// The row id: "<case>/<key>", or "<case>/<key>@<specimen>" for a second specimen's copy of a variant.
    private func setId(_ prefix: [UInt8], _ key: String, suffix: String? = nil) {
        id.removeAll(keepingCapacity: true)
        id.append(contentsOf: prefix)
        id.append(contentsOf: key.utf8)
        if let suffix { id.append(contentsOf: suffix.utf8) }
    }

    /// The body of the row `select` stands on (after `stored` found it).
    private func storedBody(_ s: SQLiteStatement) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(
            start: sqlite3_column_blob(s, 3)?.assumingMemoryBound(to: UInt8.self),
            count: Int(sqlite3_column_bytes(s, 3)))
    }

    /// The stored finding `select` stands on merged with `row` from another report of its specimen; whether the
    /// merge leaves the stored row as it was.
    private func merge(_ s: SQLiteStatement, _ row: Prepared, reportId: String) throws -> (Prepared, Bool) {
        let body = storedBody(s)
        let text = String(decoding: body, as: UTF8.self)
        let rowId = String(decoding: id, as: UTF8.self)
        let kind = String(cString: sqlite3_column_text(s, 0))
        let gene = sqlite3_column_type(s, 1) == SQLITE_NULL ? nil : String(cString: sqlite3_column_text(s, 1))
        let storedReport = sqlite3_column_type(s, 2) == SQLITE_NULL ? nil : String(cString: sqlite3_column_text(s, 2))
        let old = try FindingJSON.decode(id: rowId, kind: kind, gene: gene, reportId: storedReport, body: text)
        let new = try FindingJSON.decode(
            id: rowId, kind: row.kind, gene: row.gene, reportId: reportId,
            body: String(decoding: row.body, as: UTF8.self))
        let finding = old.merged(with: new)
        var merged = try FindingPlacement.prepared(finding, key: row.key)
        merged.links = row.links
        merged.reportId = finding.reportId
        let same =
            merged.kind == kind && merged.gene == gene && merged.reportId == storedReport
            && merged.body.elementsEqual(body)
        return (merged, same)
    }

    /// Counts, case refreshes and the "no case for these samples" outcome, once every chunk is written.
    func finish(summary: inout ImportSummary) throws {
        try account.finish(
            touched: touched, tally: { cases[$0]?.tally }, links: links, into: &summary,
            refresh: { caseId, changed in
                if let state = cases[caseId] { try refresh(state, findingsChanged: changed) }
            })
    }

    private func caseFor(_ chunk: Chunk) throws -> String? {
        let key = (chunk.caseId ?? "") + "\t" + (chunk.sample ?? "")
        if let known = caseOfSample[key] { return known }
        var resolved = try store.resolveCase(db, caseId: chunk.caseId, sample: chunk.sample)
        if resolved == nil, chunk.createsCase, let sample = chunk.sample, !sample.isEmpty {
            resolved = try createCase(for: sample, report: chunk.report)
        }
        caseOfSample[key] = resolved
        return resolved
    }

    /// A case for a sample no case knows: its id is the sample (specimen) id, its patient unknown but for that id,
    /// its diagnosis not stated. One case per sample: samples are never merged.
    private func createCase(for sample: String, report: MolecularReport) throws -> String {
        let base = LabFindingAccount.newCaseId(for: sample)
        var id = base
        var n = 1
        while try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", id) {
            n += 1
            id = "\(base)-\(n)"
        }
        let record = LabFindingAccount.caseFor(sample: sample, id: id, report: report)
        var ignored = ImportSummary()
        _ = try RecordWriter(db: db, user: store.user, now: now).case(record, summary: &ignored)
        account.casesCreated.append(id)
        return id
    }

    private func load(_ caseId: String) throws -> CaseState? {
        guard
            let record = try String.fetchOne(
                db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"), arguments: [caseId]
            )
            .map({ try Codec.decode(Case.self, from: $0) })
        else { return nil }
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) AS n, max(position) AS last FROM finding WHERE case_id = ?"),
            arguments: [caseId])
        let before: Int = row?["n"] ?? 0
        touched.append(caseId)
        return CaseState(
            record: record, idPrefix: Array((caseId + "/").utf8), before: before,
            position: row?["last"] ?? -1, plain: before == 0)
    }

    /// After a case's findings changed: its row's counters and top finding, its body (reports), the search
    /// document and one audit event.
    private func refresh(_ state: CaseState, findingsChanged: Bool) throws {
        let record = state.record
        let body = try Codec.encode(record)
        let oldBody = try String.fetchOne(
            db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"), arguments: [record.id])
        guard findingsChanged || oldBody != body else { return }
        let count = state.before + state.tally.created
        // A plain case has no finding with evidence, hence no top finding.
        let top = state.plain ? nil : try BoardStore.topFinding(db, caseId: record.id)
        var missing = record.missingData
        if count > 0 { missing.removeAll { $0 == .molecularReport } }
        try db.execute(
            sql:
                "UPDATE \"case\" SET body = ?, finding_count = ?, top_finding = ?, missing = ?, updated_at = ? WHERE id = ?",
            arguments: [
                body, count, top, missing.map(\.rawValue).joined(separator: ","), now.timeIntervalSince1970, record.id,
            ])
        try AuditTrail.append(
            db, user: store.user, action: "case.findings", entity: "case", entityId: record.id, caseId: record.id,
            before: "\(state.before) findings", after: "\(count) findings", at: now)
        // Search: distinct gene/protein terms of PASS findings, best evidence first, then in file order.
        let terms = state.plain ? SearchIndex.terms(state.labels) : try SearchIndex.findingLabels(db, caseId: record.id)
        try SearchIndex.put(
            db, kind: "findings", ref: record.id, caseId: record.id, label: record.diagnosis.text,
            title: record.diagnosis.text,
            body: terms.joined(separator: " · "))
    }

    /// Binds one row and steps; with `allowConflict` a primary-key clash returns false instead of throwing.
    @discardableResult
    private func step(_ s: SQLiteStatement, _ row: Prepared, position: Int?, allowConflict: Bool = false) throws -> Bool
    {
        sqlite3_reset(s)
        id.withUnsafeBufferPointer { RawRow.bytes(s, 2, $0) }
        if let position { sqlite3_bind_int64(s, 3, Int64(position)) }
        RawRow.text(s, 4, row.kind)
        RawRow.text(s, 5, row.gene)
        RawRow.text(s, 6, row.label)
        sqlite3_bind_int64(s, 7, Int64(row.rank))
        row.body.withUnsafeBufferPointer { RawRow.bytes(s, 9, $0) }
        sqlite3_bind_int64(s, 10, row.filtered ? 1 : 0)
        sqlite3_bind_int64(s, 11, row.partnered ? 1 : 0)
        sqlite3_bind_int64(s, 12, row.germline ? 1 : 0)
        let rc = sqlite3_step(s)
        if rc == SQLITE_DONE { return true }
        if allowConflict && rc == SQLITE_CONSTRAINT | (6 << 8) {  // SQLITE_CONSTRAINT_PRIMARYKEY
            sqlite3_reset(s)
            return false
        }
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        sqlite3_reset(s)
        throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message)
    }
}
