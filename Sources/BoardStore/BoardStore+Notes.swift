import BoardModel
import Foundation
import GRDB

extension BoardStore {
    /// Adds a note on a case, one of its findings or one of its trial matches; audited.
    @discardableResult
    public func addNote(
        caseId: String, findingId: String? = nil, trialId: String? = nil, text: String,
        meetingId: String? = nil, now: Date = Date()
    ) throws -> Note {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw StoreError.invalid("a note needs some text") }
        return try run {
            try db.write { db in
                try requireCase(db, caseId)
                if let findingId,
                    try Int.fetchOne(
                        db, sql: "SELECT 1 FROM finding WHERE id = ? AND case_id = ?", arguments: [findingId, caseId])
                        == nil
                {
                    throw StoreError.notFound(kind: "finding", id: findingId)
                }
                let id = try Self.nextId(db, prefix: "N-\(caseId)-", table: "note")
                let note = Note(
                    id: id, target: NoteTarget(caseId: caseId, findingId: findingId, trialId: trialId), author: user,
                    text: body, writtenAt: now, version: 1, meetingId: meetingId)
                _ = try RecordWriter(db: db, user: user, now: now).note(note)
                return note
            }
        }
    }

    /// Saves an edit of a note as its next version. If someone else saved a newer version since
    /// `expectedVersion`, nothing is written and `NoteConflict` carries both texts.
    @discardableResult
    public func editNote(id: String, expectedVersion: Int, text: String, now: Date = Date()) throws -> Note {
        try run {
            try db.write { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT * FROM note WHERE id = ? ORDER BY version DESC LIMIT 1", arguments: [id])
                else {
                    throw StoreError.notFound(kind: "note", id: id)
                }
                let latest = Self.note(row)
                if latest.version != expectedVersion { throw NoteConflict(mine: text, theirs: latest) }
                var next = latest
                next.version += 1
                next.text = text
                next.author = user
                next.writtenAt = now
                _ = try RecordWriter(db: db, user: user, now: now).note(next)
                return next
            }
        }
    }

    /// Every version of a note, oldest first.
    public func noteVersions(id: String) throws -> [Note] {
        try run {
            try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM note WHERE id = ? ORDER BY version", arguments: [id]).map(
                    Self.note)
            }
        }
    }

    func requireCase(_ db: Database, _ caseId: String) throws {
        if try !Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", caseId) {
            throw StoreError.notFound(kind: "case", id: caseId)
        }
    }

    /// "PREFIX1", "PREFIX2", … : the next free readable id for a table keyed by `id`.
    static func nextId(_ db: Database, prefix: String, table: String) throws -> String {
        let ids = try String.fetchAll(
            db, sql: "SELECT DISTINCT id FROM \(table) WHERE id LIKE ? ESCAPE '\\'",
            arguments: [
                prefix.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            ])
        let numbers = ids.compactMap { Int($0.dropFirst(prefix.count)) }
        return prefix + String((numbers.max() ?? 0) + 1)
    }
}

/// Two people edited the same note: the later save keeps its text here instead of overwriting.
public struct NoteConflict: Error, CustomStringConvertible, Sendable {
    public var mine: String
    public var theirs: Note
    public var description: String {
        "note \(theirs.id) was changed by \(theirs.author) (now version \(theirs.version)); both versions are kept for you to merge"
    }
}
