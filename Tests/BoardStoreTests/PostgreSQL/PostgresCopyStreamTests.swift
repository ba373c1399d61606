import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// A lab file's rows go to PostgreSQL in one COPY left open across the writer's sends (`PGConnection.stream`): what
/// comes after it on the connection (a query, the commit) ends it first and sees its rows, and a failure while it is
/// open rolls the whole import back and leaves the connection usable.
@Suite(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
struct PostgresCopyStreamTests {
    /// More rows than one send (`PostgresFindingWriter.flushRows`), so several go into the open COPY.
    static let rows = (0..<12_000).map { i in
        Finding(
            id: "1:\(10_000 + i):A:G", kind: .snv, gene: ["BRAF", "TP53", "KRAS"][i % 3], hgvsP: "p.X\(i)Y",
            vaf: Double(i % 100) / 100, depth: 100 + i)
    }

    static func board() throws -> PostgresBoardStore {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let store = try db.open(role: "site_a")
        try store.importBundle(Fixtures.bundle, dryRun: false, now: Fixtures.now, progress: nil)
        return store
    }

    static func stream(_ rows: [Finding], failAfter: Int? = nil) -> FindingStream {
        FindingStreamTests.stream(rows, chunk: 1_000, caseId: "C-2", sample: "TUMOR", failAfter: failAfter)
    }

    static func importing(_ store: PostgresBoardStore, _ streams: [FindingStream]) throws -> ImportSummary {
        try store.importRecords(
            BoardBundle(), partialCases: [], caseAdditions: [], findingBatches: [], findingStreams: streams,
            evidence: [], evidenceLoci: [], skipped: [], dryRun: false, now: Fixtures.now, progress: nil)
    }

    /// A variant given again after its first copy was sent (a file listing it twice) is compared with the stored
    /// row: the same content is unchanged, other content updates it.
    @Test func aVariantGivenAgainAfterItsRowWasSentIsComparedWithIt() throws {
        let store = try Self.board()
        var rows = Self.rows
        rows.append(Self.rows[10])
        var changed = Self.rows[20]
        changed.vaf = 0.99
        rows.append(changed)
        let summary = try Self.importing(store, [Self.stream(rows)])
        #expect(summary.counts["finding"]?.created == 12_000)
        #expect(summary.counts["finding"]?.unchanged == 1 && summary.counts["finding"]?.updated == 1)
        let record = try #require(try store.caseRecord(id: "C-2", on: LocalDate(Fixtures.now), findings: .all))
        #expect(record.findingCounts.total == record.record.findings.count)
        #expect(record.record.findings.first { $0.id == "C-2/1:10020:A:G" }?.vaf == 0.99)
        #expect(try store.headline(caseId: "C-2")?.findingCount == record.findingCounts.total)
        let again = try Self.importing(store, [Self.stream(Self.rows)])
        #expect(again.counts["finding"]?.unchanged == 11_999 && again.counts["finding"]?.updated == 1)
        #expect(try store.verify().isOK)
    }

    /// The reader fails after several sends went into the open COPY: nothing of the import is kept, and the next
    /// import on the same connection works.
    @Test func aFailureWhileTheCopyIsOpenLeavesTheStoreAsItWas() throws {
        let store = try Self.board()
        let before = try store.counts()
        let head = try store.auditHead().sequence
        let rowsOfC2 = "SELECT count(*) FROM finding WHERE case_id = 'C-2'"
        let held = try store.connection.query(rowsOfC2).first?[0]
        #expect(throws: (any Error).self) { try Self.importing(store, [Self.stream(Self.rows, failAfter: 11)]) }
        #expect(try store.counts() == before)
        #expect(try store.auditHead().sequence == head)
        #expect(try store.connection.query(rowsOfC2).first?[0] == held)
        let summary = try Self.importing(store, [Self.stream(Self.rows)])
        #expect(summary.counts["finding"]?.created == 12_000)
        #expect(try store.verify().isOK)
    }
}
