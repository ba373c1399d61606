import BoardModel
import Foundation
import GRDB
import TestSupport
import Testing

@testable import BoardStore

/// The `partnered` and `germline` columns (schema v13) say what v12's partial indexes read from each body: every
/// writer (lab files row by row and in bulk, whole records, evidence attached later) and the migration must leave
/// them equal to the body's own text, so a new trial's cases are narrowed exactly as before.
@Suite struct FindingFlagTests {
    /// Rows whose flags differ from their bodies' text, and how many rows carry each flag (of one case, or all).
    static func flags(_ db: Database, caseId: String? = nil) throws -> (wrong: Int, partnered: Int, germline: Int) {
        let wrong = try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM finding WHERE partnered <> (\(CaseFactsIndex.partneredInBody))
                    OR germline <> (\(CaseFactsIndex.germlineInBody))
                """)!
        let ofCase = "(?1 IS NULL OR case_id = ?1)"
        let partnered = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM finding WHERE partnered = 1 AND \(ofCase)", arguments: [caseId])!
        let germline = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM finding WHERE germline = 1 AND \(ofCase)", arguments: [caseId])!
        return (wrong, partnered, germline)
    }

    /// Findings with and without partners, germline and somatic, and a somatic one whose evidence is about germline
    /// variants (its body names that origin too, as v12's index read it).
    static let findings: [Finding] = {
        var list = FindingImportTests.awkward
        list.append(
            Finding(
                id: "germline-evidence", kind: .snv, gene: "BRCA2", hgvsP: "p.K3326*",
                evidence: [
                    EvidenceEntry(
                        source: "CIViC", level: EvidenceLevel(scale: .civic, code: "B"), type: "Predisposing",
                        origin: .germline)
                ]))
        list.append(Finding(id: "fusion", kind: .fusion, gene: "ALK", partners: ["EML4", "ALK"], origin: .germline))
        return list
    }()

    /// How many of `findings` name partners, and how many a germline origin (their own or an evidence item's).
    static let partneredCount = findings.filter { $0.partners != nil }.count
    static let germlineCount = findings.filter {
        $0.origin == .germline || $0.evidence.contains { $0.origin == .germline }
    }.count

    @Test func theFlagsOfAByteSearchAreTheBodysText() throws {
        for f in Self.findings {
            let body = try FindingJSON.body(f)
            let text = String(decoding: body, as: UTF8.self)
            let flags = body.withUnsafeBufferPointer { CaseFactsIndex.flags(body: $0) }
            #expect(flags.partnered == text.contains("\"partners\":["), "\(text)")
            #expect(flags.germline == text.contains("\"origin\":\"germline\""), "\(text)")
        }
        let empty = CaseFactsIndex.flags(body: UnsafeBufferPointer(start: nil, count: 0))
        #expect(!empty.partnered && !empty.germline)
    }

    @Test func labFilesRowByRowAndInBulkSetTheFlags() throws {
        let store = try Fixtures.seededStore()
        let before = try store.db.read { try Self.flags($0) }
        try store.attachLabFile(Self.findings, to: "C-1", now: Fixtures.now)
        try store.db.read { db in
            var flags = try Self.flags(db)
            #expect(flags.wrong == 0)
            flags.partnered -= before.partnered
            flags.germline -= before.germline
            #expect(flags.partnered == Self.partneredCount && flags.partnered >= 2)
            #expect(flags.germline == Self.germlineCount && flags.germline >= 3)
        }
        // Bulk (above the trigger threshold), then changed in place by a re-import: the update sets them too.
        try store.attachLabFile(BulkFindingImportTests.findings(changed: false), to: "C-2", now: Fixtures.now)
        var changed = BulkFindingImportTests.findings(changed: false)
        for i in changed.indices where i % 2 == 0 { changed[i].origin = .germline }
        for i in changed.indices where i % 3 == 0 { changed[i].partners = nil }
        try store.attachLabFile(changed, to: "C-2", now: Fixtures.now)
        try store.db.read { db in
            let flags = try Self.flags(db)
            #expect(flags.wrong == 0)
            #expect(flags.germline > 5_000)
        }
    }

    @Test func wholeRecordsAndEvidenceAttachedLaterSetTheFlags() throws {
        let store = try BoardStore.inMemory()
        var bundle = Fixtures.bundle
        let jak2 = Finding(
            id: "jak2", kind: .snv, gene: "JAK2", hgvsP: "p.V617F", consequence: "missense_variant", origin: .unknown)
        bundle.cases[0].findings = Self.findings + [jak2]
        try store.importRecords(bundle, now: Fixtures.now)
        let caseId = bundle.cases[0].id
        let before = try store.db.read { try Self.flags($0, caseId: caseId) }
        #expect(before.wrong == 0)
        #expect(before.partnered == Self.partneredCount)
        #expect(before.germline == Self.germlineCount)
        // Evidence about germline JAK2 V617F reaches the finding of unknown origin: its body now names that origin.
        try store.importRecords(
            BoardBundle(), evidence: [VariantEvidenceOriginTests.evidence(.germline)], now: Fixtures.now)
        try store.db.read { db in
            #expect(
                try String.fetchOne(db, sql: "SELECT body FROM finding WHERE gene = 'JAK2'")?.contains("Ruxolitinib")
                    == true)
            let after = try Self.flags(db, caseId: caseId)
            #expect(after.wrong == 0)
            #expect(after.germline == Self.germlineCount + 1)
        }
        // The check itself sees a wrong flag.
        try store.db.write { try $0.execute(sql: "UPDATE finding SET germline = 0 WHERE gene = 'JAK2'") }
        #expect(try store.db.read { try Self.flags($0).wrong } == 1)
    }

    @Test func version13FlagsTheRowsVersion12Indexed() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v12: case facts for narrowing a new trial's cases")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO patient(id, pseudonym, body) VALUES ('P-1', 'PX', '{}')")
            for c in ["C-1", "C-2", "C-3"] {
                try db.execute(
                    sql:
                        "INSERT INTO \"case\"(id, patient_id, status, diagnosis, body, updated_at) VALUES (?, 'P-1', 'new', 'x', '{}', 0)",
                    arguments: [c])
            }
            // C-1 holds every kind of row; C-2 only plain rows; C-3 a germline row only.
            let rows =
                Self.findings.map { ("C-1", $0) } + [("C-2", Finding(id: "p", kind: .snv, gene: "KRAS"))]
                + [("C-3", Finding(id: "g", kind: .snv, gene: "ATM", origin: .germline))]
            for (i, (c, f)) in rows.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO finding(case_id, id, position, kind, gene, label, best_rank, report_id, body)
                        VALUES (?, ?, ?, ?, ?, ?, 99, NULL, ?)
                        """,
                    arguments: [c, c + "/" + f.id, i, f.kind.rawValue, f.gene, f.label, try FindingJSON.bodyText(f)])
            }
        }
        try queue.close()
        let store = try BoardStore.open(path: path, user: "u", keyring: Fixtures.keyring)
        try store.db.read { db in
            let flags = try Self.flags(db)
            #expect(flags.wrong == 0)
            #expect(flags.partnered == Self.partneredCount)
            #expect(flags.germline == Self.germlineCount + 1, "and C-3's germline row")
            // The indexes now read the columns, and hold the same cases as v12's did.
            let sql = try String.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_master WHERE name IN ('finding_partnered', 'finding_germline') ORDER BY name
                    """)
            #expect(sql.count == 2 && sql.allSatisfy { !$0.contains("instr") }, "\(sql)")
            #expect(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT case_id FROM finding INDEXED BY finding_germline
                        WHERE \(CaseFactsIndex.germline) ORDER BY 1
                        """) == ["C-1", "C-3"])
            #expect(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT case_id FROM finding INDEXED BY finding_partnered
                        WHERE \(CaseFactsIndex.partnered)
                        """) == ["C-1"])
        }
    }
}
