import BoardModel
import Foundation
import GRDB
import Testing

@testable import BoardStore

@Suite("Store files, migrations and the audit chain")
struct StoreFileTests {
    @Test func migratesAnEmptyFileWithPrivateModes() throws {
        let dir = Fixtures.temporaryDirectory() + "/nested/store"
        let path = dir + "/board.sqlite"
        let store = try BoardStore.open(path: path, user: "u", keyring: Fixtures.keyring)
        #expect(try store.counts()["cases"] == 0)
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: dir)[.posixPermissions] as! Int
        #expect(fileMode & 0o777 == 0o600)
        #expect(dirMode & 0o777 == 0o700)
        let journal = try store.db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func aVersion1StoreMigratesItsFindingsToCompactRows() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        // A store as the first release wrote it: v1 schema, findings with whole JSON bodies.
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(
            queue, upTo: "v1: cases, findings, trials, meetings, notes, decisions, audit, search")
        let findings = FindingImportTests.awkward.map { f -> Finding in
            var f = f
            f.id = "C-1/" + f.id
            return f
        }
        try queue.write { db in
            try db.execute(sql: "INSERT INTO patient(id, pseudonym, body) VALUES ('P-1', 'PX', '{}')")
            try db.execute(
                sql:
                    "INSERT INTO \"case\"(id, patient_id, status, diagnosis, body, updated_at) VALUES ('C-1', 'P-1', 'new', 'x', '{}', 0)"
            )
            for (i, f) in findings.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO finding(id, case_id, position, kind, gene, label, best_rank, body) VALUES (?, 'C-1', ?, ?, ?, ?, ?, ?)",
                    arguments: [
                        f.id, i, f.kind.rawValue, f.gene, f.label, f.bestEvidence?.level.rank ?? 99,
                        try Codec.encode(f),
                    ])
            }
        }
        try queue.close()
        let store = try BoardStore.open(path: path, user: "u", keyring: Fixtures.keyring)
        try store.db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM finding WHERE case_id = 'C-1' ORDER BY position")
            #expect(rows.count == findings.count)
            for (row, f) in zip(rows, findings) {
                #expect(try row.finding() == f)
                #expect(row["report_id"] as String? == f.reportId)
                // Byte for byte what the writer now writes, so re-importing the same file finds them unchanged.
                #expect(row["body"] as String == (try FindingJSON.bodyText(f)))
            }
            // v1's id, case and gene indexes are gone; v10 adds the Molecular tab's order and the matching summary, v12
            // the partial indexes a new trial's cases are narrowed by (genes, fusion partners, germline findings).
            #expect(
                try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'finding' AND type = 'index' ORDER BY name"
                ).filter { !$0.hasPrefix("sqlite_autoindex") } == [
                    "finding_gene_case", "finding_germline", "finding_list", "finding_matching", "finding_partnered",
                ])
        }
    }

    @Test func refusesAStoreFromANewerSchema() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        _ = try BoardStore.open(path: path, user: "u", keyring: Fixtures.keyring)
        let queue = try DatabaseQueue(path: path)
        try queue.write {
            try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99: from the future')")
        }
        #expect(throws: StoreError.newerSchema(path: path)) {
            try BoardStore.open(path: path, user: "u", keyring: Fixtures.keyring)
        }
    }

    @Test func refusesAFileThatIsNotAStoreWithoutTouchingIt() throws {
        let path = Fixtures.temporaryDirectory() + "/notes.txt"
        try Data("hello, not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAStore(path: path)) {
            try BoardStore.open(path: path, user: "u", keyring: Fixtures.keyring)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello, not sqlite")
    }

    @Test func missingOrUnwritableDirectoryIsAClearError() throws {
        let parent = Fixtures.temporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: parent)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: parent) }
        if getuid() == 0 {
            // root ignores directory modes; a file in the way of the directory still fails.
            let blocker = parent + "/blocker"
            #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
            #expect(throws: StoreError.self) {
                try BoardStore.open(path: blocker + "/board.sqlite", user: "u", keyring: Fixtures.keyring)
            }
        } else {
            #expect(throws: StoreError.self) {
                try BoardStore.open(path: parent + "/sub/board.sqlite", user: "u", keyring: Fixtures.keyring)
            }
            #expect(throws: StoreError.self) {
                try BoardStore.open(path: parent + "/board.sqlite", user: "u", keyring: Fixtures.keyring)
            }
        }
    }

    @Test func auditChainVerifiesAndDetectsAHandAlteredRow() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        let store = try BoardStore.open(path: path, user: "tester", keyring: Fixtures.keyring)
        try store.importBundle(Fixtures.bundle, now: Fixtures.now)
        try store.setCaseStatus(caseId: "C-2", to: .ready)
        let report = try store.verify()
        #expect(report.isOK)
        #expect(report.auditEventsChecked > 5)

        // Appends are enforced: the store refuses to update an event.
        #expect(throws: (any Error).self) {
            try store.db.write { try $0.execute(sql: "UPDATE audit_event SET user = 'x' WHERE seq = 1") }
        }

        // Someone with sqlite3 drops the guard and rewrites history.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_update")
            try db.execute(sql: "UPDATE audit_event SET after = 'closed' WHERE seq = 3")
        }
        let tampered = try store.verify()
        #expect(!tampered.isOK)
        #expect(tampered.firstBrokenLink?.hasPrefix("event 3 ") == true)
    }

    @Test func auditChainDetectsADeletedEvent() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        let store = try BoardStore.open(path: path, user: "tester", keyring: Fixtures.keyring)
        try store.importBundle(Fixtures.bundle, now: Fixtures.now)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_delete")
            try db.execute(sql: "DELETE FROM audit_event WHERE seq = 2")
        }
        #expect(try store.verify().firstBrokenLink?.contains("missing") == true)
    }

    @Test func auditChainDetectsReorderedEvents() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        let store = try BoardStore.open(path: path, user: "tester", keyring: Fixtures.keyring)
        try store.importBundle(Fixtures.bundle, now: Fixtures.now)
        try store.setCaseStatus(caseId: "C-2", to: .ready)
        #expect(try store.verify().isOK)
        // Someone swaps events 2 and 3 (each row intact, its own hash still matching its content).
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_update")
            try db.execute(sql: "UPDATE audit_event SET seq = -2 WHERE seq = 2")
            try db.execute(sql: "UPDATE audit_event SET seq = 2 WHERE seq = 3")
            try db.execute(sql: "UPDATE audit_event SET seq = 3 WHERE seq = -2")
        }
        let report = try store.verify()
        #expect(!report.isOK)
        #expect(report.firstBrokenLink?.hasPrefix("event 2 does not follow event 1") == true)
    }

    @Test func aWriteWaitsForAnotherWritersLockAndReportsTheWait() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        let store = try BoardStore.open(path: path, user: "tester", keyring: Fixtures.keyring)
        try store.importBundle(Fixtures.bundle, now: Fixtures.now)
        let reports = Counter()
        store.onBusy { reports.increment() }
        // Another process-like connection holds an exclusive lock for 0.6 s.
        let other = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN EXCLUSIVE")
                locked.signal()
                Thread.sleep(forTimeInterval: 0.6)
                try db.execute(sql: "COMMIT")
            }
            done.signal()
        }
        locked.wait()
        let started = Date()
        try store.addNote(caseId: "C-1", text: "written after the lock", now: Fixtures.now)
        #expect(Date().timeIntervalSince(started) > 0.3)
        #expect(reports.value == 1)
        done.wait()
        #expect(try store.caseRecord(id: "C-1")?.notes.contains { $0.text == "written after the lock" } == true)
    }

    @Test func importingTwiceDoesNotDuplicate() throws {
        let store = try Fixtures.seededStore()
        let before = try store.counts()
        let summary = try store.importBundle(Fixtures.bundle, now: Fixtures.now)
        #expect(summary.counts["case"]?.unchanged == 3 && summary.counts["case"]?.created == 0)
        #expect(try store.counts() == before)
        var changed = Fixtures.bundle
        changed.cases[1].question = "Stop imatinib after 3 years?"
        let second = try store.importBundle(changed, now: Fixtures.now)
        #expect(second.counts["case"]?.updated == 1)
        #expect(try store.counts()["cases"] == 3)
    }

    @Test func aFailingImportLeavesTheStoreUnchanged() throws {
        let store = try Fixtures.seededStore()
        let before = try Fixtures.snapshot(store)
        var bad = Fixtures.bundle
        bad.cases[0].question = "changed before the failure"
        bad.notes.append(
            Note(id: "N-X", target: NoteTarget(caseId: "C-404"), author: "x", text: "orphan", writtenAt: Fixtures.now))
        #expect(throws: StoreError.self) { try store.importBundle(bad) }
        #expect(try Fixtures.snapshot(store) == before)
    }

    @Test func dryRunWritesNothing() throws {
        let store = try BoardStore.inMemory()
        let summary = try store.importBundle(Fixtures.bundle, dryRun: true)
        #expect(summary.counts["case"]?.created == 3)
        #expect(try store.counts()["cases"] == 0)
    }

}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
