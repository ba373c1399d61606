import Foundation
import GRDB

/// Unsaved text of an editor or form, kept in the store so that nothing typed is lost to a crash,
/// a `kill -9` or a dropped SSH connection. Keyed per user and per thing being edited.
public struct Draft: Sendable, Hashable {
    /// "note:C-0003", "note-edit:N-C-0003-1", "decision:C-0003", …
    public var key: String
    public var user: String
    /// The editor's content (text, or JSON for forms).
    public var body: String
    public var updatedAt: Date
}

extension BoardStore {
    /// Saves (or replaces) this user's draft under `key`. Not audited: drafts are not records.
    public func saveDraft(key: String, body: String, now: Date = Date()) throws {
        try run {
            try db.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO draft(key, user, body, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET user = excluded.user, body = excluded.body, updated_at = excluded.updated_at
                        """, arguments: [draftKey(key), user, body, now.timeIntervalSince1970])
            }
        }
    }

    public func draft(key: String) throws -> Draft? {
        try run {
            try db.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM draft WHERE key = ?", arguments: [draftKey(key)]).map(
                    Self.draft)
            }
        }
    }

    /// This user's drafts, newest first: what the next start offers back.
    public func drafts() throws -> [Draft] {
        try run {
            try db.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM draft WHERE user = ? ORDER BY updated_at DESC", arguments: [user]
                ).map(Self.draft)
            }
        }
    }

    public func deleteDraft(key: String) throws {
        try run {
            try db.write { db in try db.execute(sql: "DELETE FROM draft WHERE key = ?", arguments: [draftKey(key)]) }
        }
    }

    /// Drafts are per user: two people drafting a note on the same case keep separate drafts.
    private func draftKey(_ key: String) -> String { user + "\u{1F}" + key }

    static func draft(_ row: Row) -> Draft {
        let stored: String = row["key"]
        let key = stored.split(separator: "\u{1F}", maxSplits: 1).last.map(String.init) ?? stored
        return Draft(
            key: key, user: row["user"], body: row["body"], updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }
}
