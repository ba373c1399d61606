import BoardFormats
import BoardModel
import Foundation
import GRDB
import Testing

@testable import BoardStore

/// `store copy` and the content digest: the catalogue against both live schemas, the sample board SQLite →
/// PostgreSQL → SQLite with one digest, refusals that leave the target as it was.
@Suite("Store copy")
struct StoreCopyTests {
    /// A file store holding the sample board, plus what the sample lacks: a note whose text needs COPY's escapes,
    /// a draft, a trial match with a fractional time.
    static func sampleStore() throws -> (path: String, store: BoardStore) {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        let store = try BoardStore.open(path: path, user: "site_a", keyring: Fixtures.keyring)
        try store.importBundle(try SampleBoardTests.bundle(), now: Fixtures.now)
        let caseId = try #require(try store.cases(meetingId: nil, limit: 1, offset: 0).first?.id)
        try store.addNote(
            caseId: caseId, findingId: nil, trialId: nil, text: "Núñez:\ttab\nnew line \\ backslash \\N",
            meetingId: nil, now: Fixtures.now)
        try store.saveDraft(key: "note:\(caseId)", body: "half a thought", now: Fixtures.now)
        let trial = try #require(try store.trials().first)
        try store.saveMatches(
            caseId: caseId,
            [
                TrialMatch(
                    caseId: caseId, trialId: trial.id, outcomes: [], status: .possiblyEligible, score: 0.1 + 0.2,
                    computedAt: Fixtures.now.addingTimeInterval(0.123), dataFingerprint: "fp")
            ])
        return (path, store)
    }

    @Test func theCatalogueNamesEverySQLiteTableAndColumn() throws {
        let store = try BoardStore.inMemory()
        try store.db.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            for table in tables where !StoreTable.derivedOnSQLite.contains(table) {
                let listed = try #require(
                    StoreTable.all.first { $0.name == table },
                    "table \(table) is neither in StoreTable.all nor derived: store copy would leave it out")
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")").map { $0["name"] as String }
                    .filter { !StoreTable.derivedOnSQLite.contains("\(table).\($0)") }
                #expect(Set(columns) == Set(listed.columns.map(\.name)), "columns of \(table)")
            }
        }
        #expect(
            StoreTable.all.filter { !$0.isSearch }.allSatisfy { table in
                (try? store.db.read { try $0.tableExists(table.name) }) == true
            })
    }

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func theCatalogueNamesEveryPostgresTableAndColumn() throws {
        let store = try PostgresTestServer.freshDatabase().open()
        let rows = try store.connection.query(
            """
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """)
        var byTable: [String: Set<String>] = [:]
        for row in rows { byTable[row.text("table_name"), default: []].insert(row.text("column_name")) }
        for (table, columns) in byTable where !StoreTable.derivedOnPostgres.contains(table) {
            let listed = try #require(
                StoreTable.all.first { $0.name == table },
                "table \(table) is neither in StoreTable.all nor derived: store copy would leave it out")
            let kept = columns.filter { !StoreTable.derivedOnPostgres.contains("\(table).\($0)") }
            // A table PostgreSQL has must have every column the catalogue lists, and nothing unlisted.
            #expect(kept == Set(listed.columns.map(\.postgresName)), "columns of \(table)")
        }
    }

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func theSampleBoardGoesToPostgresAndBackWithOneDigest() throws {
        let (path, _) = try Self.sampleStore()
        let original = try StoreCopy.digest(of: path, user: "t", keyring: Fixtures.keyring)
        #expect(original.counts.first { $0.table == "finding" }!.rows >= 150)
        #expect(original.counts.first { $0.table == "outcome" }!.rows > 0)
        #expect(original.counts.first { $0.table == "search_doc" }!.rows > 0)

        let db = try PostgresTestServer.freshDatabase()
        let toPostgres = try StoreCopy.copy(from: path, to: db.url(), user: "t", keyring: Fixtures.keyring)
        #expect(toPostgres.digest == original)
        #expect(toPostgres.verification.isOK)
        #expect(try StoreCopy.digest(of: db.url(), user: "t", keyring: Fixtures.keyring) == original)

        // The members work on the copy as on any PostgreSQL store: same events, same search, same decisions.
        let member = try db.open(role: "site_a")
        let sqlite = try BoardStore.open(path: path, user: "t", readOnly: true, keyring: Fixtures.keyring)
        #expect(try member.storeId() == sqlite.storeId())
        #expect(try member.auditHead() == sqlite.auditHead())
        #expect(
            Set(try member.search("nunez", limit: 50).map(\.ref))
                == Set(try sqlite.search("nunez", limit: 50).map(\.ref)))
        #expect(try member.search("backslash", limit: 5).count == 1)
        let caseId = try #require(try sqlite.cases(meetingId: nil, limit: 1, offset: 0).first?.id)
        #expect(try member.decisions(caseId: caseId) == sqlite.decisions(caseId: caseId))
        #expect(try member.verify().isOK)

        let back = Fixtures.temporaryDirectory() + "/back.sqlite"
        let toSQLite = try StoreCopy.copy(from: db.url(), to: back, user: "t", keyring: Fixtures.keyring)
        #expect(toSQLite.digest == original && toSQLite.verification.isOK)
        let returned = try BoardStore.open(path: back, user: "t", readOnly: true, keyring: Fixtures.keyring)
        #expect(try returned.backlogCount() == sqlite.backlogCount())
        #expect(try returned.search("nunez", limit: 50).map(\.ref) == sqlite.search("nunez", limit: 50).map(\.ref))
    }

    /// Partner boards' precedents (a cohort file) and CIViC evidence with loci travel both ways: one digest on all
    /// three stores, and every case's precedents (the partner's among them) ranked the same on each.
    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func partnerPrecedentsAndEvidenceGoToPostgresAndBackWithOneDigest() throws {
        let (path, store) = try Self.sampleStore()
        let cohort = try CohortReader.read(
            try CohortExchangeTests.export(
                try CohortExchangeTests.sampleStore(), diagnoses: ["CHOL"], genes: ["FGFR2"]),
            file: "lakeshore.json")
        #expect(try store.importCohort(cohort, now: Fixtures.now).added == cohort.precedents.count)
        let entry = EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: "A"), type: "Predictive", therapy: "Vemurafenib")
        let later = EvidenceEntry(
            source: "CIViC", level: EvidenceLevel(scale: .civic, code: "C"), type: "Predictive", therapy: "Trametinib")
        try store.importRecords(
            BoardBundle(),
            evidence: [
                EvidenceAttachment(gene: "BRAF", variant: "V600E", entry: entry),
                EvidenceAttachment(gene: "BRAF", variant: "V600", entry: later),
            ],
            evidenceLoci: [EvidenceByPositionTests.v600e], now: Fixtures.now)
        let original = try StoreCopy.digest(of: path, user: "t", keyring: Fixtures.keyring)
        #expect(original.counts.first { $0.table == "external_precedent" }!.rows == cohort.precedents.count)
        #expect(original.counts.first { $0.table == "evidence_locus" }!.rows == 1)

        let db = try PostgresTestServer.freshDatabase()
        let toPostgres = try StoreCopy.copy(from: path, to: db.url(), user: "t", keyring: Fixtures.keyring)
        #expect(toPostgres.digest == original && toPostgres.verification.isOK)
        let back = Fixtures.temporaryDirectory() + "/back.sqlite"
        let toSQLite = try StoreCopy.copy(from: db.url(), to: back, user: "t", keyring: Fixtures.keyring)
        #expect(toSQLite.digest == original && toSQLite.verification.isOK)

        let sqlite = try BoardStore.open(path: path, user: "t", readOnly: true, keyring: Fixtures.keyring)
        let member = try db.open(role: "site_a")
        let returned = try BoardStore.open(path: back, user: "t", readOnly: true, keyring: Fixtures.keyring)
        let counts = try sqlite.externalPrecedentCounts()
        #expect(counts == ["Lakeshore University Hospital": cohort.precedents.count])
        #expect(try member.externalPrecedentCounts() == counts && returned.externalPrecedentCounts() == counts)
        var partnerShown = 0
        for headline in try sqlite.cases(meetingId: nil, limit: 1_000, offset: 0) {
            let want = try sqlite.precedents(for: headline.id, limit: 50, tree: .bundled)
            partnerShown += want.precedents.filter { $0.institution == "Lakeshore University Hospital" }.count
            #expect(try member.precedents(for: headline.id, limit: 50, tree: .bundled) == want, "\(headline.id)")
            #expect(try returned.precedents(for: headline.id, limit: 50, tree: .bundled) == want, "\(headline.id)")
        }
        #expect(partnerShown > 0, "some case of the sample board has the partner's precedents among its own")
        // Evidence kept in the same order: a BRAF V600E finding imported now gets both entries, first kept first.
        let braf = Finding(id: "7:140453136:A:T", kind: .snv, gene: "BRAF", hgvsP: "p.V600E")
        let caseId = try #require(try sqlite.cases(meetingId: nil, limit: 1, offset: 0).first?.id)
        let writable = try PostgresBoardStore.open(conninfo: db.url(role: "site_a"), keyring: Fixtures.keyring)
        try writable.importing(
            BoardBundle(),
            findingBatches: [
                FindingBatch(
                    caseId: caseId, sample: nil, report: MolecularReport(id: "vcf:b.vcf:T", assay: "VCF"),
                    findings: [braf])
            ])
        let stored = try #require(try writable.finding(caseId: caseId, id: caseId + "/7:140453136:A:T"))
        #expect(stored.evidence == [entry, later])
    }

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func aTargetThatIsNotEmptyIsRefusedAndLeftAsItWas() throws {
        let (path, _) = try Self.sampleStore()
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()  // the owner creates the schema and keys the chain: one event
        let member = try db.open(role: "site_a")
        try member.saveDraft(key: "mine", body: "kept", now: Fixtures.now)
        let before = try StoreCopy.digest(of: db.url(), user: "t", keyring: .memoryOnly)
        #expect {
            try StoreCopy.copy(from: path, to: db.url(), user: "t", keyring: Fixtures.keyring)
        } throws: { "\($0)".contains("is not empty") }
        #expect(try StoreCopy.digest(of: db.url(), user: "t", keyring: .memoryOnly) == before)
        #expect(try member.verify().isOK)
        // An existing file is never overwritten.
        #expect {
            try StoreCopy.copy(from: path, to: path, user: "t", keyring: Fixtures.keyring)
        } throws: { "\($0)".contains("already exists") }
    }

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func aMemberRoleCannotCopyIntoTheDatabase() throws {
        let (path, _) = try Self.sampleStore()
        let db = try PostgresTestServer.freshDatabase()
        _ = try PostgresBoardStore.open(conninfo: db.url(), keyring: .memoryOnly, keyed: false)  // schema, no key
        #expect {
            try StoreCopy.copy(from: path, to: db.url(role: "site_b"), user: "t", keyring: Fixtures.keyring)
        } throws: { "\($0)".contains("owner role") }
        #expect(
            try StoreCopy.digest(of: db.url(), user: "t").counts.allSatisfy {
                $0.rows == ($0.table == "store_identity" ? 1 : 0)
            })
    }

    @Test func aSQLiteCopyHasTheSameDigestAndOneChangedValueChangesIt() throws {
        let (path, store) = try Self.sampleStore()
        let copy = Fixtures.temporaryDirectory() + "/copy.sqlite"
        let report = try StoreCopy.copy(from: path, to: copy, user: "t", keyring: Fixtures.keyring)
        #expect(try report.digest == StoreCopy.digest(of: path, user: "t", keyring: Fixtures.keyring))
        let events = try store.auditHead().sequence
        #expect(report.digest.counts.first { $0.table == "audit_event" }!.rows == events)
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The finding flags are not copied but read again from the bodies (v13): the same rows carry them.
        let copied = try BoardStore.open(path: copy, user: "t", readOnly: true, keyring: Fixtures.keyring)
        let flags = try copied.db.read { try FindingFlagTests.flags($0) }
        #expect(flags.wrong == 0)
        #expect(flags.partnered > 0)
        let source = try store.db.read { try FindingFlagTests.flags($0) }
        #expect(source.partnered == flags.partnered)
        #expect(source.germline == flags.germline)
        try store.saveDraft(key: "note:x", body: "one more", now: Fixtures.now)
        #expect(try StoreCopy.digest(of: path, user: "t", keyring: Fixtures.keyring) != report.digest)
    }
}
