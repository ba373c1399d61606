import Foundation

/// Backups of a PostgreSQL store are SQLite store files: `store copy` into a new file (docs/postgresql.md says why,
/// rather than pg_dump): the same portable, documented format as a SQLite store's backup, readable by `tumorboard`
/// anywhere without a server, checked at write time (row counts, content digest, audit chain), comparable with
/// `verify --against FILE`, and restored with `restore` into an empty database. The audit key is not in it, as on
/// SQLite: `tumorboard key backup`.
extension PostgresBoardStore: BackupStore {
    /// Writes a new SQLite file holding this store as it is now (one REPEATABLE READ snapshot, while others keep
    /// working). Progress counts catalogue tables done of all.
    public func backup(to path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws {
        let tables = StoreTable.all.map(\.name)
        _ = try StoreCopy.copy(
            from: .postgres(self), to: .file(path), user: user,
            keyring: AuditKeys.shared.keyring(storeId: try storeId()) ?? .standard
        ) { table, _ in
            progress?((tables.firstIndex(of: table) ?? 0) + 1, tables.count)
        }
    }

    /// Puts a verified backup (a SQLite store file) into the empty database at `conninfo`, connected as its owner
    /// role. A database that already holds a store is refused: create a new database (or drop this one) first.
    public static func restore(from backupPath: String, to conninfo: String, keyring: AuditKeyring = .standard)
        throws -> StoreCopy.Report
    {
        try StoreCopy.copy(from: backupPath, to: conninfo, user: "restore", keyring: keyring)
    }
}
