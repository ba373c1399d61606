import GRDB

/// The per-row finding triggers set aside while a big lab import writes, inside its transaction, and their tables
/// brought up to date once per touched case at the end: the counts per kind (`finding_count`, migration v10) and the
/// precedent keys (`alteration_key`, `PrecedentIndex`).
///
/// Why: a row insert that fires triggers gets a statement journal, and with 16 KB pages and five B-trees touched per
/// row SQLite spilled it to a temporary file, so a 100,000-record VCF wrote gigabytes of journal (a third of the
/// import's time in `pwrite`) besides running the triggers' upserts row by row. The triggers are dropped and created
/// again from their own stored SQL in the same transaction, so no other connection ever sees the store without them,
/// and a rolled-back import (an error, a dry run) leaves them as they were.
struct BulkFindingTriggers {
    /// The triggers whose effect `restore` recomputes; any other trigger on `finding` keeps firing.
    static let names = [
        "finding_counted", "finding_uncounted", "finding_recounted",
        "finding_key_insert", "finding_key_delete", "finding_key_update",
    ]

    /// Each suspended trigger's name and its `CREATE TRIGGER` statement as the store holds it.
    private let definitions: [(name: String, sql: String)]

    /// Drops the triggers (those the store has: an older schema may lack some).
    init(_ db: Database) throws {
        var found: [(String, String)] = []
        let statement = try db.cachedStatement(
            sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'finding' AND name = ?")
        for name in Self.names {
            if let sql = try String.fetchOne(statement, arguments: [name]) { found.append((name, sql)) }
        }
        definitions = found
        for (name, _) in found { try db.execute(sql: "DROP TRIGGER " + name.quotedDatabaseIdentifier) }
    }

    /// Recomputes the counts and precedent keys of `cases` from their findings (what the triggers would have left),
    /// then creates the triggers again exactly as they were.
    func restore(_ db: Database, cases: [String]) throws {
        let names = Set(definitions.map(\.name))
        if names.contains("finding_counted") {
            for id in cases {
                try db.execute(sql: "DELETE FROM finding_count WHERE case_id = ?", arguments: [id])
                try db.execute(
                    sql: """
                        INSERT INTO finding_count(case_id, kind, filtered, n)
                        SELECT case_id, kind, filtered, COUNT(*) FROM finding WHERE case_id = ? GROUP BY kind, filtered
                        """, arguments: [id])
            }
        }
        if names.contains("finding_key_insert") {
            for id in cases {
                try db.execute(sql: "DELETE FROM alteration_key WHERE case_id = ?", arguments: [id])
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO alteration_key(case_id, finding_id, gene, class, change)
                        SELECT \(PrecedentIndex.keyColumns("f")) FROM finding f
                        WHERE f.case_id = ? AND \(PrecedentIndex.decisive("f"))
                        """, arguments: [id])
            }
        }
        for definition in definitions { try db.execute(sql: definition.sql) }
    }
}
