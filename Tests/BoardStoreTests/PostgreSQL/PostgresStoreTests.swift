import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// The PostgreSQL store itself: schema, roles and privileges, the audit trail's own protections, and that no
/// error shows a password. Store behaviour shared with SQLite is tested on both backends (BothBackendsTests).
@Suite(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
struct PostgresStoreTests {
    @Test func theOwnerCreatesTheSchemaAndRecordsItsVersion() throws {
        let db = try PostgresTestServer.freshDatabase()
        let store = try db.open()
        #expect(try store.schemaVersion() == PostgresSchema.latest)
        #expect(store.user == "tumorboard_owner")
        // Opening again applies nothing twice.
        #expect(try db.open().schemaVersion() == PostgresSchema.latest)
        let versions = try store.connection.query("SELECT version, applied_by FROM tumorboard_schema ORDER BY version")
        #expect(versions.rows.map { $0[0] } == PostgresSchema.migrations.map { String($0.version) })
        #expect(versions.rows.allSatisfy { $0[1] == "tumorboard_owner" })
    }

    @Test func anApplicationRoleCannotCreateTheSchema() throws {
        let db = try PostgresTestServer.freshDatabase()
        #expect {
            _ = try db.open(role: "site_a")
        } throws: { error in
            "\(error)".contains("only the database's owner role may apply")
        }
    }

    @Test func theApplicationRoleCannotChangeOrRemoveAuditEvents() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let site = try db.open(role: "site_a")
        #expect(try site.auditHead().sequence >= 1)
        for sql in ["UPDATE audit_event SET after = 'x'", "DELETE FROM audit_event", "TRUNCATE audit_event"] {
            let error = try #require(throws: PostgresError.self) { try site.connection.query(sql) }
            #expect(error.sqlState == "42501", "\(sql): \(error.message)")
        }
    }

    @Test func evenTheOwnerCannotChangeAuditEventsThroughTheTrigger() throws {
        let db = try PostgresTestServer.freshDatabase()
        let owner = try db.open()
        for sql in ["UPDATE audit_event SET after = 'x'", "DELETE FROM audit_event", "TRUNCATE audit_event"] {
            let error = try #require(throws: PostgresError.self) { try owner.connection.query(sql) }
            #expect(error.message.contains("append-only"), "\(sql): \(error.message)")
        }
    }

    @Test func anAuditEventMustNameTheConnectedRole() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let site = try db.open(role: "site_a")
        #expect(site.user == "site_a" && site.login == "site_a")
        let error = try #require(throws: PostgresError.self) {
            try site.connection.query(
                """
                INSERT INTO audit_event(seq, at, actor, action, entity, entity_id, previous_hash, hash)
                VALUES (1000, 0, 'site_b', 'x', 'x', 'x', '', '')
                """)
        }
        #expect(error.message.contains("must name the connected role"))
    }

    @Test func theAuditChainOfSeveralSitesVerifies() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let a = try db.open(role: "site_a")
        let b = try db.open(role: "site_b")
        try a.connection.transaction { _ = try a.appendAudit(action: "test.a", entity: "x", entityId: "1", at: Date()) }
        try b.connection.transaction { _ = try b.appendAudit(action: "test.b", entity: "x", entityId: "2", at: Date()) }
        let report = try a.verify()
        #expect(report.isOK, "\(report.problems)")
        #expect(report.chain.checked == 3)  // the key event and the two
        #expect(report.chain.keyed == 3)
        #expect(try b.auditEvents(caseId: nil, limit: 10).map(\.user) == ["tumorboard_owner", "site_a", "site_b"])
    }

    @Test func aRewrittenEventBreaksTheChain() throws {
        let db = try PostgresTestServer.freshDatabase()
        let owner = try db.open()
        try owner.connection.transaction {
            _ = try owner.appendAudit(action: "test", entity: "x", entityId: "1", after: "right", at: Date())
        }
        // The owner can switch the trigger off; the HMAC still catches the change.
        try owner.connection.execute(
            script: """
                ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change;
                UPDATE audit_event SET after = 'wrong' WHERE seq = 2;
                ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change;
                """)
        let report = try owner.verify()
        #expect(report.chain.firstBreak?.contains("event 2") == true)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let db = try PostgresTestServer.freshDatabase()
        let owner = try db.open()
        try owner.connection.query(
            "INSERT INTO tumorboard_schema(version, name) VALUES ($1, 'from the future')",
            [String(PostgresSchema.latest + 1)])
        #expect(throws: StoreError.newerSchema(path: StoreAddress.redact(db.url()))) {
            _ = try db.open()
        }
    }

    @Test func aConnectionErrorNamesTheDatabaseButNeverThePassword() throws {
        let db = try PostgresTestServer.freshDatabase()
        var parts = URLComponents(string: db.url(role: "nobody_here"))!
        parts.password = "s3cr3t-Pa55"
        parts.queryItems = (parts.queryItems ?? []) + [URLQueryItem(name: "password", value: "0ther-s3cret")]
        let error = try #require(throws: StoreError.self) {
            _ = try PostgresBoardStore.open(conninfo: parts.string!, keyring: .memoryOnly)
        }
        let text = "\(error)"
        #expect(text.contains("cannot connect to postgresql://nobody_here@"), "\(text)")
        #expect(!text.contains("s3cr3t-Pa55") && !text.contains("0ther-s3cret"), "\(text)")
    }
}

/// Changes made at another site reach this terminal through LISTEN/NOTIFY, without a query.
@Suite(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
struct PostgresChangeNoticeTests {
    @Test func anotherSitesChangeMovesTheCounterAndOurOwnDoesNot() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let here = try db.open(role: "site_a")
        let there = try db.open(role: "site_b")
        try there.saveCase(Fixtures.cases[0], now: Fixtures.now)
        var before = try here.externalChangeCounter()
        // Delivery is asynchronous: the commit has returned, the notice may still be on its way.
        for _ in 0..<50 where before == 0 {
            usleep(20_000)
            before = try here.externalChangeCounter()
        }
        #expect(before > 0)
        try here.addNote(caseId: "C-1", findingId: nil, trialId: nil, text: "mine", meetingId: nil, now: Fixtures.now)
        usleep(100_000)
        #expect(try here.externalChangeCounter() == before)
        try there.addNote(
            caseId: "C-1", findingId: nil, trialId: nil, text: "theirs", meetingId: nil, now: Fixtures.now)
        var after = try here.externalChangeCounter()
        for _ in 0..<50 where after == before {
            usleep(20_000)
            after = try here.externalChangeCounter()
        }
        #expect(after > before)
    }
}
