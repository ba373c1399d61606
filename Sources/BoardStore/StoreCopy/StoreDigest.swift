import Crypto
import Foundation

/// The board's content as one SHA-256, computed the same way on SQLite and PostgreSQL (docs/postgresql.md, "store
/// copy"): for each catalogue table in StoreTable.all's order, its name and row count, then every row in key order
/// (text in byte order), each value spelt by StoreCell.digestText; a table a store lacks counts as empty, a column it
/// lacks as NULL. Two stores with the same digest hold the same records, audit events and search documents.
public struct StoreDigest: Sendable, Equatable {
    /// Rows per catalogue table, in catalogue order.
    public var counts: [(table: String, rows: Int)]
    /// Lower-case hex SHA-256.
    public var hex: String

    public static func == (a: StoreDigest, b: StoreDigest) -> Bool {
        a.hex == b.hex && a.counts.map(\.table) == b.counts.map(\.table) && a.counts.map(\.rows) == b.counts.map(\.rows)
    }

    /// Reads every catalogue table of `side` once.
    static func of(_ side: some StoreSide) throws -> StoreDigest {
        var hasher = SHA256()
        var counts: [(String, Int)] = []
        var buffer = ""
        func flush() {
            hasher.update(data: Data(buffer.utf8))
            buffer.removeAll(keepingCapacity: true)
        }
        for table in StoreTable.all {
            guard let present = try side.columns(of: table) else {
                buffer += "table \(table.name) 0\n"
                counts.append((table.name, 0))
                continue
            }
            let rows = try side.count(table)
            counts.append((table.name, rows))
            buffer += "table \(table.name) \(rows)\n"
            let columns = table.columns.filter { present.contains($0.name) }
            // A column this side lacks is NULL in every row, spelt in its place.
            let positions = table.columns.map { column in columns.firstIndex { $0.name == column.name } }
            try side.rows(table, columns: columns, byKey: true) { cells in
                for position in positions {
                    buffer += position.map { cells[$0].digestText } ?? StoreCell.null.digestText
                }
                buffer += "\n"
                if buffer.utf8.count >= 1 << 16 { flush() }
            }
        }
        flush()
        return StoreDigest(counts: counts, hex: Digest.hex(hasher.finalize()))
    }
}
