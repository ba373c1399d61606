import Foundation

/// Where a backend keeps knowledge-base entries (SQLite's `evidence` rows by rowid, PostgreSQL's by created_order):
/// the rules above stay one, each backend only says how to read, delete and add a row.
protocol EvidenceShelf {
    /// Every kept entry in the order kept: its row, gene, variant and body.
    func forEachKept(_ body: (Int64, String, String, String) throws -> Void) throws
    func delete(row: Int64) throws
    /// Adds an entry unless the same one is kept; its row when added.
    func insert(gene: String, variant: String, body: String) throws -> Int64?
}
