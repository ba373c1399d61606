import Foundation

/// Drafts on PostgreSQL: per authenticated role, keyed as on SQLite (role, unit separator, key) so a copied store
/// keeps them. Not audited: drafts are not records.
extension PostgresBoardStore: DraftStore {
    public func saveDraft(key: String, body: String, now: Date) throws {
        _ = try run {
            try connection.query(
                """
                INSERT INTO draft(key, user_name, body, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT(key) DO UPDATE SET user_name = excluded.user_name, body = excluded.body, updated_at = excluded.updated_at
                """, [draftKey(key), user, body, PGValue.time(now)])
        }
    }

    public func draft(key: String) throws -> Draft? {
        try run {
            try connection.query("SELECT key, user_name, body, updated_at FROM draft WHERE key = $1", [draftKey(key)])
                .first.map(Self.draft)
        }
    }

    public func drafts() throws -> [Draft] {
        try run {
            try connection.query(
                "SELECT key, user_name, body, updated_at FROM draft WHERE user_name = $1 ORDER BY updated_at DESC",
                [user]
            ).map(Self.draft)
        }
    }

    public func deleteDraft(key: String) throws {
        _ = try run { try connection.query("DELETE FROM draft WHERE key = $1", [draftKey(key)]) }
    }

    private func draftKey(_ key: String) -> String { user + "\u{1F}" + key }

    static func draft(_ row: PGRow) -> Draft {
        let stored = row[0] ?? ""
        let key = stored.split(separator: "\u{1F}", maxSplits: 1).last.map(String.init) ?? stored
        return Draft(key: key, user: row[1] ?? "", body: row[2] ?? "", updatedAt: PGValue.date(row[3]) ?? Date())
    }
}
