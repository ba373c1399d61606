import Foundation
import GRDB

/// SQLite's `evidence` rows for `EvidenceRelease`.
struct SQLiteEvidenceShelf: EvidenceShelf {
    let db: Database

    func forEachKept(_ body: (Int64, String, String, String) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, gene, variant, body FROM evidence ORDER BY rowid")
        while let row = try rows.next() { try body(row["rowid"], row["gene"], row["variant"], row["body"]) }
    }

    func delete(row: Int64) throws {
        try db.execute(sql: "DELETE FROM evidence WHERE rowid = ?", arguments: [row])
    }

    func insert(gene: String, variant: String, body: String) throws -> Int64? {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO evidence(gene, variant, body) VALUES (?, ?, ?)")
            .execute(arguments: [gene, variant, body])
        return db.changesCount > 0 ? db.lastInsertedRowID : nil
    }
}
