import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// `backup`, `restore` and `verify --against` on PostgreSQL: a backup is a verified SQLite store file, the chain is
/// compared with it, with witnessed heads and with minutes by the same rules as on SQLite, and a cut chain is named.
@Suite("PostgreSQL backups and anchors")
struct PostgresAnchorTests {
    /// A PostgreSQL store holding the sample board (copied from SQLite), and a member working on it.
    static func board() throws -> (db: PostgresTestServer.Database, member: PostgresBoardStore) {
        let (path, _) = try StoreCopyTests.sampleStore()
        let db = try PostgresTestServer.freshDatabase()
        _ = try StoreCopy.copy(from: path, to: db.url(), user: "t", keyring: Fixtures.keyring)
        return (db, try PostgresBoardStore.open(conninfo: db.url(role: "site_a"), keyring: Fixtures.keyring))
    }

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func aBackupIsAVerifiedFileThatAnchorsTheChainAndRestoresIntoAnEmptyDatabase() throws {
        let (db, member) = try Self.board()
        let caseId = try #require(try member.cases(meetingId: nil, limit: 1, offset: 0).first?.id)
        try member.addNote(
            caseId: caseId, findingId: nil, trialId: nil, text: "before", meetingId: nil, now: Fixtures.now)
        let file = Fixtures.temporaryDirectory() + "/pg-backup.sqlite"
        try member.backup(to: file, progress: nil)
        let backup = try BoardStore.open(path: file, user: "t", readOnly: true, keyring: Fixtures.keyring)
        #expect(try backup.verify().isOK)
        #expect(try backup.auditHead() == member.auditHead())
        #expect(
            try StoreCopy.digest(of: file, user: "t", keyring: Fixtures.keyring)
                == StoreCopy.digest(of: db.url(), user: "t", keyring: Fixtures.keyring))

        // The store moves on: the backup still anchors it.
        try member.addNote(
            caseId: caseId, findingId: nil, trialId: nil, text: "after", meetingId: nil, now: Fixtures.now)
        let against = try member.compare(backupAt: file)
        #expect(against.problems.isEmpty)
        #expect(try against.latestMatching == backup.auditHead())

        // Restored into a new database: the backup's content, verified; a second restore into it is refused.
        let fresh = try PostgresTestServer.freshDatabase()
        let restored = try PostgresBoardStore.restore(from: file, to: fresh.url(), keyring: Fixtures.keyring)
        #expect(restored.verification.isOK)
        #expect(try restored.digest == StoreCopy.digest(of: file, user: "t", keyring: Fixtures.keyring))
        #expect {
            try PostgresBoardStore.restore(from: file, to: fresh.url(), keyring: Fixtures.keyring)
        } throws: { "\($0)".contains("is not empty") }
    }

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func witnessedHeadsAndMinutesAreComparedAndACutChainIsNamed() throws {
        let (db, member) = try Self.board()
        let caseId = try #require(try member.cases(meetingId: nil, limit: 1, offset: 0).first?.id)
        try member.addNote(
            caseId: caseId, findingId: nil, trialId: nil, text: "seen", meetingId: nil, now: Fixtures.now)
        let head = try member.auditHead()
        let log = WitnessLog(path: Fixtures.temporaryDirectory() + "/witness.log")
        try log.record(head, storePath: member.path)
        #expect(try member.compare(witnessed: try log.entries()).problems.isEmpty)
        #expect(
            try member.compare(minutes: "Audit chain head: \(head.description)\n", file: "m.txt").latestMatching == head
        )
        let file = Fixtures.temporaryDirectory() + "/pg-backup.sqlite"
        try member.backup(to: file, progress: nil)

        // The owner lifts the trigger and removes the last event: every anchor names the cut.
        let owner = try db.open()
        try owner.connection.execute(
            script: """
                ALTER TABLE audit_event DISABLE TRIGGER USER;
                DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event);
                ALTER TABLE audit_event ENABLE TRIGGER USER;
                """)
        let witnessed = try member.compare(witnessed: try log.entries())
        #expect(witnessed.problems.first?.contains("shorter than witnessed") == true)
        #expect(
            try member.compare(minutes: "Audit chain head: \(head.description)\n", file: "m.txt").problems.count == 1)
        let against = try member.compare(backupAt: file)
        #expect(against.problems.first?.contains("first missing event: \(head.sequence)") == true)
    }
}
