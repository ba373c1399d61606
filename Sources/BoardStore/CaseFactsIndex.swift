import BoardModel
import Foundation
import GRDB

/// The facts a new trial is checked against (`CaseFacts`), read from indexes so that adding a trial to a big board
/// reads no case it cannot match: OncoTree codes from `case_oncotree`, genes from `finding_gene_case` (migration
/// v12), fusion partners from `finding_partnered`, and the cases that may lack a tumour profile from the counts per
/// kind and `finding_germline` (both over the flag columns of v13).
enum CaseFactsIndex {
    /// Schema v12: the indexes the facts are read from (partial, so rows without a gene, partners or a germline origin
    /// are not in them). Its two body conditions are v12's as shipped; v13 replaces them by flag columns.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX finding_gene_case ON finding(gene, case_id) WHERE gene IS NOT NULL;
                CREATE INDEX finding_partnered ON finding(case_id) WHERE \(partneredInBody);
                CREATE INDEX finding_germline ON finding(case_id) WHERE \(germlineInBody);
                """)
    }

    /// A body holds `"partners":[` exactly when the finding has partners (FindingJSON).
    static let partneredInBody = "instr(body, '\"partners\":[') > 0"
    /// A body names its origin unless it is somatic (FindingJSON); an evidence item's origin reads the same.
    static let germlineInBody = "instr(body, '\"origin\":\"germline\"') > 0"

    /// The body holds `"partners":[` (`partneredInBody`): the `partnered` column the writers fill (v13).
    static let partnered = "partnered = 1"
    /// The body holds `"origin":"germline"` (`germlineInBody`): the `germline` column the writers fill (v13).
    static let germline = "germline = 1"

    /// The two flags of a body as written, by the same byte search as v12's conditions (so every query answers as
    /// before, and as PostgreSQL's, which searches the bodies): done on the parsing thread, not by SQLite per index.
    static func flags(body: UnsafeBufferPointer<UInt8>) -> (partnered: Bool, germline: Bool) {
        (contains(body, "\"partners\":["), contains(body, "\"origin\":\"germline\""))
    }

    private static func contains(_ body: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard let base = body.baseAddress, n > 0, body.count >= n else { return false }
        var start = 0
        while start + n <= body.count,
            let hit = memchr(base + start, Int32(needle.utf8Start.pointee), body.count - n + 1 - start)
        {
            let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + at, needle.utf8Start, n) == 0 { return true }
            start = at + 1
        }
        return false
    }

    /// Schema v13: the two facts become columns the writers set from the finding, and the partial indexes read them.
    /// Before, each index's condition searched the body (`instr`), which SQLite evaluates with a `memcmp` at every byte
    /// of every row written: about a quarter of the CPU of inserting a VCF row. The old indexes find the rows to mark.
    static func flag(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE finding ADD COLUMN partnered INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE finding ADD COLUMN germline INTEGER NOT NULL DEFAULT 0;
                """)
        try backfillFlags(
            db,
            candidates: """
                case_id IN (SELECT case_id FROM finding INDEXED BY finding_partnered WHERE \(partneredInBody)
                    UNION SELECT case_id FROM finding INDEXED BY finding_germline WHERE \(germlineInBody))
                """)
        try db.execute(
            sql: """
                DROP INDEX finding_partnered;
                DROP INDEX finding_germline;
                CREATE INDEX finding_partnered ON finding(case_id) WHERE \(partnered);
                CREATE INDEX finding_germline ON finding(case_id) WHERE \(germline);
                """)
    }

    /// Sets both flags from the rows' bodies (after a store copy, which does not carry them; in v13 only the rows of
    /// `candidates`).
    static func backfillFlags(_ db: Database, candidates: String = "1") throws {
        try db.execute(
            sql: """
                UPDATE finding SET partnered = \(partneredInBody), germline = \(germlineInBody)
                WHERE (\(candidates)) AND (\(partneredInBody) OR \(germlineInBody))
                """)
    }

    /// The ids of the cases the narrowing admits, in id order.
    static func admitted(_ db: Database, _ narrowing: any CaseNarrowing) throws -> [String] {
        // The cases with a fact beyond their code, with those facts (their code is read last).
        var special: [String: CaseFacts] = [:]
        for spelling in try geneSpellings(db) where narrowing.genesOfInterest(spelling) {
            for id in try String.fetchAll(
                db.cachedStatement(
                    sql: "SELECT DISTINCT case_id FROM finding INDEXED BY finding_gene_case WHERE gene = ?"),
                arguments: [spelling])
            {
                special[id, default: CaseFacts(oncotreeCode: nil)].genes.insert(spelling)
            }
        }
        for id in try String.fetchAll(
            db, sql: "SELECT DISTINCT case_id FROM finding INDEXED BY finding_partnered WHERE \(partnered)")
        {
            special[id, default: CaseFacts(oncotreeCode: nil)].partners = true
        }
        for id in try unprofiled(db) { special[id, default: CaseFacts(oncotreeCode: nil)].tumourProfile = false }
        if narrowing.readsBiomarkers {
            for id in try String.fetchAll(
                db, sql: "SELECT DISTINCT case_id FROM finding_count WHERE kind = 'biomarker' AND n > 0")
            {
                special[id, default: CaseFacts(oncotreeCode: nil)].biomarkers = true
            }
        }
        // A case with none of the special facts is admitted by its code alone (admitting is monotone in the facts).
        var admitted: [String] = []
        let codes = try String?.fetchAll(db, sql: "SELECT DISTINCT oncotree_code FROM \"case\"")
        for code in codes where narrowing.admits(CaseFacts(oncotreeCode: code)) {
            let ids =
                try code.map {
                    try String.fetchAll(db, sql: "SELECT id FROM \"case\" WHERE oncotree_code = ?", arguments: [$0])
                } ?? String.fetchAll(db, sql: "SELECT id FROM \"case\" WHERE oncotree_code IS NULL")
            admitted += ids.filter { special[$0] == nil }
        }
        let code = try db.cachedStatement(sql: "SELECT oncotree_code FROM \"case\" WHERE id = ?")
        for (id, var f) in special {
            guard let row = try Row.fetchOne(code, arguments: [id]) else { continue }
            f.oncotreeCode = row[0]
            if narrowing.admits(f) { admitted.append(id) }
        }
        return admitted.sorted()
    }

    /// The distinct gene spellings findings hold, one seek of `finding_gene_case` each.
    static func geneSpellings(_ db: Database) throws -> [String] {
        var spellings: [String] = []
        let next = try db.cachedStatement(
            sql: "SELECT gene FROM finding INDEXED BY finding_gene_case WHERE gene > ? ORDER BY gene LIMIT 1")
        var last = try String.fetchOne(
            db, sql: "SELECT gene FROM finding INDEXED BY finding_gene_case WHERE gene >= '' ORDER BY gene LIMIT 1")
        while let gene = last {
            spellings.append(gene)
            last = try String.fetchOne(next, arguments: [gene])
        }
        return spellings
    }

    /// Cases that may lack a tumour profile: those without any finding but biomarkers (by the counts), and those with
    /// a germline finding and no other finding of a tumour-profile kind. A biomarker-only profile (TMB, MSI) is not
    /// looked for: such a case is listed, which admits more, never fewer.
    static func unprofiled(_ db: Database) throws -> [String] {
        var ids = try String.fetchAll(
            db,
            sql: """
                SELECT id FROM "case" WHERE NOT EXISTS (
                    SELECT 1 FROM finding_count WHERE finding_count.case_id = "case".id AND kind <> 'biomarker' AND n > 0)
                """)
        let withGermline = try String.fetchAll(
            db, sql: "SELECT DISTINCT case_id FROM finding INDEXED BY finding_germline WHERE \(germline)")
        let somatic = try db.cachedStatement(
            sql: """
                SELECT 1 FROM finding WHERE case_id = ? AND kind <> 'biomarker' AND NOT (\(germline)) LIMIT 1
                """)
        for id in withGermline where try Int.fetchOne(somatic, arguments: [id]) == nil { ids.append(id) }
        return ids
    }
}

extension BoardStore {
    public func caseIdsForMatching(narrowedBy narrowing: any CaseNarrowing) throws -> [String] {
        try run { try db.read { db in try CaseFactsIndex.admitted(db, narrowing) } }
    }
}
