import BoardModel
import Foundation
import GRDB
import TestSupport
import Testing

@testable import BoardStore

/// A big lab import sets the per-row finding triggers aside and recomputes their tables per touched case
/// (`BulkFindingTriggers`): the counts per kind and the precedent keys must come out exactly as the triggers leave
/// them on the row-by-row path, through a first import and a changed re-import, and the triggers must be back.
@Suite struct BulkFindingImportTests {
    /// Above the bulk threshold in one batch; the row-by-row path gets the same rows in batches below it.
    static let rows = 10_200

    static func findings(changed: Bool) -> [Finding] {
        var all = BigCaseListTests.findings(rows)
        // Decisive rows for the precedent keys: classified alterations, and evidence on a gene.
        for i in stride(from: 3, to: all.count, by: 41) where all[i].gene != nil { all[i].classification = .oncogenic }
        guard changed else { return all }
        for i in stride(from: 0, to: all.count, by: 10) { all[i].filter = nil }
        for i in stride(from: 1, to: all.count, by: 37) where all[i].kind == .snv { all[i].kind = .indel }
        for i in stride(from: 3, to: all.count, by: 82) where all[i].gene != nil { all[i].classification = .vus }
        return all
    }

    /// The derived tables and the finding triggers, as text to compare.
    static func derived(_ store: BoardStore) throws -> [String] {
        try store.db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT 'count ' || case_id || ' ' || kind || ' ' || filtered || ' ' || n FROM finding_count
                    UNION ALL SELECT 'key ' || case_id || ' ' || finding_id || ' ' || gene || ' ' || class || ' '
                        || coalesce(change, '-') FROM alteration_key
                    UNION ALL SELECT 'trigger ' || name || ' ' || sql FROM sqlite_master
                        WHERE type = 'trigger' AND tbl_name = 'finding'
                    ORDER BY 1
                    """)
        }
    }

    /// The same rows a few thousand at a time: every import stays below the threshold, so the triggers write.
    static func attachRowByRow(_ findings: [Finding], to store: BoardStore) throws {
        for start in stride(from: 0, to: findings.count, by: 4_000) {
            try store.attachLabFile(
                Array(findings[start..<min(findings.count, start + 4_000)]), to: "C-1", now: Fixtures.now)
        }
    }

    @Test func countsAndPrecedentKeysComeOutAsTheTriggersLeaveThem() throws {
        let bulk = try Fixtures.seededStore()
        let rowByRow = try Fixtures.seededStore()
        try bulk.attachLabFile(Self.findings(changed: false), to: "C-1", now: Fixtures.now)
        try Self.attachRowByRow(Self.findings(changed: false), to: rowByRow)
        let first = try Self.derived(rowByRow)
        #expect(first.filter { $0.hasPrefix("key C-1 ") }.count > 100, "the rows hold decisive findings")
        #expect(first.filter { $0.hasPrefix("trigger ") }.count == BulkFindingTriggers.names.count)
        #expect(try Self.derived(bulk) == first, "after the first import")

        try bulk.attachLabFile(Self.findings(changed: true), to: "C-1", now: Fixtures.now)
        try Self.attachRowByRow(Self.findings(changed: true), to: rowByRow)
        let changed = try Self.derived(rowByRow)
        #expect(changed != first, "the re-import changed counts and keys")
        #expect(try Self.derived(bulk) == changed, "after a changed re-import")

        // The triggers are back and working: one finding deleted row by row is uncounted and unkeyed.
        try bulk.db.write { db in
            try db.execute(sql: "DELETE FROM finding WHERE case_id = 'C-1' AND id = 'C-1/F3'")
        }
        try rowByRow.db.write { db in
            try db.execute(sql: "DELETE FROM finding WHERE case_id = 'C-1' AND id = 'C-1/F3'")
        }
        #expect(try Self.derived(bulk) == Self.derived(rowByRow), "after a deletion")
    }

    @Test func aDryRunOrAFailedBulkImportLeavesTheTriggersAsTheyWere() throws {
        let store = try Fixtures.seededStore()
        let before = try Self.derived(store)
        try store.attachLabFile(Self.findings(changed: false), to: "C-1", dryRun: true, now: Fixtures.now)
        #expect(try Self.derived(store) == before)
        // A case the store does not hold: refused after the triggers were set aside.
        #expect(throws: (any Error).self) {
            try store.attachLabFile(Self.findings(changed: false), to: "NOPE", now: Fixtures.now)
        }
        #expect(try Self.derived(store) == before)
    }
}
