import BoardFormats
import BoardModel
import Foundation
import GRDB
import Testing

@testable import BoardStore

/// Tamper evidence against someone holding the store file: the chain is keyed with a key kept outside the store,
/// anchored in witness logs, backups and minutes, and each decision is bound to its last audit event. Each attack
/// here is done the way someone with sqlite3 would do it: drop the append-only triggers and rewrite rows.
@Suite("Audit chain: keyed, anchored outside the store, decisions bound")
struct AuditChainTests {
    /// A file store (keys in a private directory) with the fixture board and a signed decision on C-1.
    static func board() throws -> (store: BoardStore, path: String, keys: AuditKeyring, dir: String) {
        let dir = Fixtures.temporaryDirectory()
        let keys = AuditKeyring(directory: dir + "/keys")
        let path = dir + "/board.sqlite"
        let store = try BoardStore.open(path: path, user: "alice", keyring: keys)
        try store.importBundle(Fixtures.bundle, now: Fixtures.now)
        var draft = try store.newDecision(caseId: "C-1", meetingId: "M-UP")
        draft.recommendations = [DecisionTests.recommendation()]
        draft.consensus = .unanimous
        let saved = try store.saveDecision(draft)
        try Fixtures.chair(store, board: "thoracic", person: "Dr. Ana Ruiz", login: "aruiz").signDecision(
            id: saved.id, expectedVersion: saved.version)
        try store.addNote(caseId: "C-2", text: "Imatinib for three years.")
        return (store, path, keys, dir)
    }

    /// The store file opened as an attacker would: raw SQL, append-only triggers dropped.
    static func tamper(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for trigger in [
                "audit_event_no_update", "audit_event_no_delete", "audit_key_no_update", "audit_key_no_delete",
            ] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
            }
            try body(db)
        }
        try queue.close()
    }

    /// Recomputes every event's plain SHA-256 and link, as a script without the key would.
    static func rehashWithoutKey(_ db: Database) throws {
        var previous = ""
        for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY seq") {
            var event = AuditTrail.event(from: row)
            event.previousHash = previous
            event.hash = AuditTrail.hash(of: event)
            try db.execute(
                sql: "UPDATE audit_event SET previous_hash = ?, hash = ? WHERE seq = ?",
                arguments: [event.previousHash, event.hash, event.sequence])
            previous = event.hash
        }
    }

    @Test func aNewStoreIsKeyedWithAPrivateKeyFileOutsideTheStore() throws {
        let (store, _, keys, _) = try Self.board()
        let status = try store.auditKeyStatus()
        #expect(status.epoch == 1 && status.keyedFrom == 1 && status.available)
        let file = try #require(status.keyFile)
        #expect(file.hasPrefix(keys.directory! + "/"))
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: keys.directory!)[.posixPermissions] as? Int == 0o700)
        // The key is nowhere in the store file.
        let secret = try #require(try AuditKey.read(path: file)).secret.base64EncodedString()
        let storeBytes = try Data(contentsOf: URL(fileURLWithPath: store.path))
        #expect(storeBytes.range(of: Data(secret.utf8)) == nil)
        let report = try store.verify()
        #expect(report.isOK)
        #expect(report.chain.keyed == report.chain.checked && report.chain.unkeyed == 0 && report.chain.checked > 5)
        #expect(report.signedDecisions == 2 && report.decisionsChecked == 2)
    }

    @Test func deletingTheLastEventsIsCaughtByTheWitnessLogTheBackupAndTheMinutes() throws {
        let (store, path, _, dir) = try Self.board()
        let log = WitnessLog(path: dir + "/state/witness.log")
        let head = try store.auditHead()
        try log.record(head, storePath: path)
        try store.backup(to: dir + "/backup.sqlite")
        let minutes = MinutesWriter(
            meeting: try #require(try store.meeting(id: "M-UP")), board: Board(id: "thoracic", name: "Thoracic"),
            cases: [],
            auditChainHead: head.description
        ).render(format: .text, width: 40)
        try Self.tamper(path) { db in
            try db.execute(sql: "DELETE FROM audit_event WHERE seq > ?", arguments: [head.sequence - 3])
        }
        // The shortened chain is consistent in itself …
        #expect(try store.verify().firstBrokenLink == nil)
        // … but not with what was seen outside it.
        let expected = "first missing event: \(head.sequence - 2)"
        let witnessed = try store.compare(witnessed: try log.entries())
        #expect(witnessed.problems.count == 1)
        #expect(
            witnessed.problems.first?.contains("shorter") == true
                && witnessed.problems.first?.contains(expected) == true, "\(witnessed.problems)")
        let backup = try store.compare(backupAt: dir + "/backup.sqlite")
        #expect(backup.problems.first?.contains(expected) == true, "\(backup.problems)")
        let fromMinutes = try store.compare(minutes: minutes, file: "minutes.txt")
        #expect(fromMinutes.problems.first?.contains(expected) == true, "\(fromMinutes.problems)")
    }

    @Test func rewritingAndRehashingTheWholeChainWithoutTheKeyIsCaught() throws {
        let (store, path, _, dir) = try Self.board()
        let log = WitnessLog(path: dir + "/witness.log")
        try log.record(try store.auditHead(), storePath: path)
        // Change who signed, then recompute every hash and link as a script would.
        try Self.tamper(path) { db in
            try db.execute(sql: "UPDATE audit_event SET user = 'mallory' WHERE action = 'decision.sign'")
            try Self.rehashWithoutKey(db)
        }
        let report = try store.verify()
        #expect(!report.isOK)
        // The first event already fails: its hash is now a plain SHA-256, not the store key's HMAC.
        #expect(
            report.firstBrokenLink?.hasPrefix("event 1 (audit.key store") == true, "\(report.firstBrokenLink ?? "nil")")
        #expect(report.firstBrokenLink?.contains("rewritten without the key") == true)
        let witnessed = try store.compare(witnessed: try log.entries())
        #expect(witnessed.problems.first?.contains("differs from the head witnessed") == true, "\(witnessed.problems)")
    }

    @Test func removingTheKeyRecordToPassTheChainOffAsUnkeyedIsCaught() throws {
        let (_, path, keys, _) = try Self.board()
        try Self.tamper(path) { db in
            try db.execute(sql: "DELETE FROM audit_key")
            try db.execute(sql: "UPDATE audit_event SET after = 'nothing to see' WHERE action = 'decision.sign'")
            try Self.rehashWithoutKey(db)
        }
        let reopened = try BoardStore.open(path: path, user: "alice", readOnly: true, keyring: keys)
        let report = try reopened.verify()
        #expect(
            report.firstBrokenLink?.contains("a key file for this store exists") == true,
            "\(report.firstBrokenLink ?? "nil")")
        // And a writable open does not paper over it with a new key.
        #expect(throws: StoreError.self) { try BoardStore.open(path: path, user: "alice", keyring: keys) }
    }

    @Test func editingASignedDecisionsStoredTextIsCaughtWithTheAuditTableUntouched() throws {
        let (store, path, _, _) = try Self.board()
        try Self.tamper(path) { db in
            try db.execute(
                sql: "UPDATE decision SET body = replace(body, 'osimertinib', 'erlotinib') WHERE id = 'D-C-1-1'")
        }
        let report = try store.verify()
        #expect(report.firstBrokenLink == nil)
        #expect(report.decisionProblems.count == 1)
        #expect(
            report.decisionProblems.first?.hasPrefix("decision D-C-1-1 (final) was changed in the store") == true,
            "\(report.decisionProblems)")
        #expect(!report.isOK)
    }

    @Test func minutesBindTheSignedDecisionsHash() throws {
        let (store, path, _, _) = try Self.board()
        let record = try store.meetingRecord(id: "M-UP")
        let minutes = MinutesWriter(
            meeting: record.meeting, board: record.board, cases: record.cases, decisions: record.decisions,
            decisionHashes: record.decisionHashes, auditChainHead: try store.auditHead().description)
        for (format, width) in [(ExportFormat.text, 20), (.text, 80), (.markdown, 80)] {
            let text = minutes.render(format: format, width: width)
            #expect(BoardStore.signedDecisions(inMinutes: text).map(\.decisionId) == ["D-C-1-1"], "\(format) \(width)")
            #expect(AuditHead.parse(minutes: text) == (try store.auditHead()), "\(format) \(width)")
            let comparison = try store.compare(minutes: text, file: "m")
            #expect(comparison.problems.isEmpty && comparison.anchors == 2, "\(comparison.problems)\n\(text)")
        }
        // The decision and its events rewritten together: the minutes' hash matches no recorded version any more.
        try Self.tamper(path) { db in
            try db.execute(
                sql: "UPDATE decision SET body = replace(body, 'osimertinib', 'erlotinib') WHERE id = 'D-C-1-1'")
            try db.execute(
                sql:
                    "UPDATE audit_event SET after = replace(after, 'osimertinib', 'erlotinib') WHERE entity_id = 'D-C-1-1'"
            )
        }
        let problems = try store.compare(minutes: minutes.render(format: .text, width: 80), file: "m").problems
        #expect(
            problems.contains {
                $0.hasPrefix("decision D-C-1-1 v2 in m") && $0.contains("matches no recorded version")
            }, "\(problems)")
    }

    /// The sign-off of the sample board's golden minutes (text and Markdown) reads back as its decisions and hashes.
    @Test func theGoldenMinutesSignOffReadsBack() throws {
        for name in ["minutes-M-2026-11-19-MTB.txt", "minutes-M-2026-11-19-MTB.md"] {
            let text = try String(contentsOfFile: MinutesGoldenTests.directory + "/" + name, encoding: .utf8)
            let hashes = text.matches(of: /SHA-256 ([0-9a-f]{64})/).map { String($0.1) }
            let signed = BoardStore.signedDecisions(inMinutes: text)
            #expect(signed.count == hashes.count && hashes.count >= 5, "\(name)")
            #expect(signed.map(\.hash) == hashes, "\(name)")
            #expect(
                signed.allSatisfy { $0.caseId.hasPrefix("C-") && $0.decisionId.hasPrefix("D-") && $0.version >= 1 },
                "\(signed)")
        }
    }

    @Test func aLostKeyLeavesTheDataReadableRefusesChangesAndIsReportedUntilRestoredOrReplaced() throws {
        let (store, path, keys, dir) = try Self.board()
        let backupKey = dir + "/key-backup"
        let status = try store.backupAuditKey(to: backupKey)
        #expect(try FileManager.default.attributesOfItem(atPath: backupKey)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.removeItem(atPath: try #require(status.keyFile))

        let reopened = try BoardStore.open(path: path, user: "bob", keyring: keys)
        #expect(try reopened.caseRecord(id: "C-1")?.decisions.count == 1)  // readable
        #expect(!(try reopened.auditKeyStatus().available))
        #expect(throws: StoreError.auditKeyMissing(keyFile: status.keyFile)) {
            try reopened.addNote(caseId: "C-1", text: "after the loss")
        }
        let report = try reopened.verify()
        #expect(!report.isOK && report.firstBrokenLink == nil)
        #expect(report.chain.missingKeys.map(\.epoch) == [1] && report.chain.unverified == report.chain.checked)
        #expect(
            report.problems.first?.hasPrefix("audit key epoch 1 (events from 1) not found at \(status.keyFile!)")
                == true, "\(report.problems)")

        // Restored from its backup: everything checks again and changes are accepted.
        #expect(try reopened.restoreAuditKey(from: backupKey).available)
        try reopened.addNote(caseId: "C-1", text: "after the restore")
        #expect(try reopened.verify().isOK)

        // Lost for good: a new epoch signs new events; the old ones are reported as unverifiable, not as fine.
        try FileManager.default.removeItem(atPath: status.keyFile!)
        let later = try BoardStore.open(path: path, user: "bob", keyring: keys)
        #expect(throws: StoreError.self) { try later.replaceLostAuditKey(reason: " ") }
        let replaced = try later.replaceLostAuditKey(reason: "laptop with the key stolen")
        #expect(replaced.epoch == 2 && replaced.available)
        try later.addNote(caseId: "C-1", text: "with the new key")
        let after = try later.verify()
        #expect(after.firstBrokenLink == nil && after.chain.missingKeys.map(\.epoch) == [1] && after.chain.keyed == 2)
        #expect(
            try later.auditEvents().contains {
                $0.action == "audit.key" && ($0.after ?? "").contains("laptop with the key stolen")
            })
    }

    @Test func anOlderStoreIsKeyedByAnAppendedEventAndItsOldEventsStayVerifiableAsUnkeyed() throws {
        let dir = Fixtures.temporaryDirectory()
        let path = dir + "/board.sqlite"
        let keys = AuditKeyring(directory: dir + "/keys")
        // A store as the previous release wrote it: schema v2, unkeyed events.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v2: findings clustered by case, compact bodies, kept evidence")
        try queue.write { db in
            var previous = ""
            for i in 1...3 {
                var event = AuditEvent(
                    sequence: Int64(i), at: Fixtures.now, user: "old", action: "case.status", entity: "case",
                    entityId: "C-\(i)",
                    previousHash: previous, hash: "")
                event.hash = AuditTrail.hash(of: event)
                try db.execute(
                    sql:
                        "INSERT INTO audit_event(seq, at, user, action, entity, entity_id, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        event.sequence, event.at.timeIntervalSince1970, event.user, event.action, event.entity,
                        event.entityId, previous, event.hash,
                    ])
                previous = event.hash
            }
        }
        let oldEvents = try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM audit_event ORDER BY seq") }
        try queue.close()
        let store = try BoardStore.open(path: path, user: "alice", keyring: keys)
        // Append-only: the old rows are exactly as they were.
        #expect(
            try store.db.read { try Row.fetchAll($0, sql: "SELECT * FROM audit_event WHERE seq <= 3 ORDER BY seq") }
                == oldEvents)
        #expect(try store.auditKeyStatus().keyedFrom == 4)
        let report = try store.verify()
        #expect(report.isOK && report.chain.unkeyed == 3 && report.chain.keyed == 1)
        // Rewriting an old, unkeyed event and rehashing the unkeyed part still breaks the first keyed event's link.
        try Self.tamper(path) { db in
            try db.execute(sql: "UPDATE audit_event SET entity_id = 'C-9' WHERE seq = 2")
            var previous = ""
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_event WHERE seq <= 3 ORDER BY seq") {
                var event = AuditTrail.event(from: row)
                event.previousHash = previous
                event.hash = AuditTrail.hash(of: event)
                try db.execute(
                    sql: "UPDATE audit_event SET previous_hash = ?, hash = ? WHERE seq = ?",
                    arguments: [event.previousHash, event.hash, event.sequence])
                previous = event.hash
            }
        }
        #expect(try store.verify().firstBrokenLink?.hasPrefix("event 4 does not follow event 3") == true)
    }

    @Test func aRestoreRollsWitnessedHeadsBackOnPurposeOnly() throws {
        let (store, path, keys, dir) = try Self.board()
        let log = WitnessLog(path: dir + "/witness.log")
        try store.backup(to: dir + "/backup.sqlite")
        let backupHead = try BoardStore.open(path: dir + "/backup.sqlite", user: "alice", readOnly: true, keyring: keys)
            .auditHead()
        try store.addNote(caseId: "C-1", text: "after the backup")
        try log.record(try store.auditHead(), storePath: path)
        try log.record(try store.auditHead(), storePath: path)  // the same head twice is one line
        #expect(try log.entries().count == 1)
        #expect(try FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions] as? Int == 0o600)
        let restoredPath = dir + "/restored.sqlite"
        _ = try BoardStore.restore(
            from: dir + "/backup.sqlite", to: restoredPath, user: "alice", force: false, keyring: keys)
        let restored = try BoardStore.open(path: restoredPath, user: "alice", readOnly: true, keyring: keys)
        #expect(try restored.compare(witnessed: try log.entries()).problems.count == 1)
        try log.record(backupHead, storePath: restoredPath, kind: .restored)
        let comparison = try restored.compare(witnessed: try log.entries())
        #expect(comparison.problems.isEmpty && comparison.notes == ["1 witnessed head rolled back by a restore"])
    }
}
