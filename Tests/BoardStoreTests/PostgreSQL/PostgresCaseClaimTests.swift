import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// A new case id written by two sessions at once on PostgreSQL (an import and a `case add`): the second waits for
/// the first and then finds its case, instead of overwriting it with another patient's record once it commits.
@Suite(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
struct PostgresCaseClaimTests {
    /// Runs `first` in a transaction on one session and, while it is still open, `second` on another thread; the first
    /// commits half a second after the second started (long enough for it to reach its write and wait). Returns what
    /// the second said.
    static func race(
        _ holder: PostgresBoardStore, first: @escaping @Sendable () throws -> Void,
        second: @escaping @Sendable () throws -> String
    ) throws -> String {
        let written = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let firstError = Said()
        DispatchQueue.global().async(group: done) {
            do {
                try holder.connection.transaction {
                    try first()
                    written.signal()
                    release.wait()
                }
            } catch {
                firstError.set("first failed: \(error)")
                written.signal()
            }
        }
        written.wait()
        let said = Said()
        DispatchQueue.global().async(group: done) {
            do { said.set(try second()) } catch { said.set("\(error)") }
        }
        Thread.sleep(forTimeInterval: 0.5)
        release.signal()
        done.wait()
        if let failed = firstError.value { return failed }
        return said.value ?? ""
    }

    /// The import writes the new case first; a `case add` of the same id while the import is still open is refused
    /// once the import commits, and the import's case stays (before: the add waited, then overwrote it).
    @Test func anAddDuringAnImportOfTheSameNewCaseIsRefused() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let importer = try db.open(role: "site_a")
        let adder = try db.open(role: "site_b")
        let said = try Self.race(
            importer,
            first: { try importer.writeCase(CaseAddTests.record("NEW-1", name: "Alpha"), now: Fixtures.now) },
            second: {
                try adder.addCase(CaseAddTests.record("NEW-1", name: "Beta"), now: Fixtures.now)
                return "added"
            })
        #expect(said == "\(StoreError.alreadyExists(kind: "case", id: "NEW-1"))")
        let stored = try #require(try adder.caseRecord(id: "NEW-1", on: LocalDate(Fixtures.now))?.record)
        #expect(stored.patient.name.given == "Alpha" && stored.patient.id == "P-Alpha")
        #expect(try adder.verify().isOK)
    }

    /// A `case add` writes the new case first; an import of another patient's record under the same id, begun while
    /// the add is still open, is refused once the add commits, as it is when the case was stored before (before: it
    /// waited, then re-pointed the case at its own patient).
    @Test func anImportDuringAnAddOfTheSameNewCaseMeetsItsPatientCheck() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let adder = try db.open(role: "site_a")
        let importer = try db.open(role: "site_b")
        let said = try Self.race(
            adder,
            first: { try adder.writeCase(CaseAddTests.record("NEW-2", name: "Alpha"), now: Fixtures.now, new: true) },
            second: {
                let summary = try importer.importBundle(
                    BoardBundle(cases: [Self.otherPatient("NEW-2")]), dryRun: false, now: Fixtures.now, progress: nil)
                return "imported: \(summary.counts["case"].map { "\($0)" } ?? "nothing")"
            })
        #expect(said.contains("already belongs to another patient"), "\(said)")
        let stored = try #require(try importer.caseRecord(id: "NEW-2", on: LocalDate(Fixtures.now))?.record)
        #expect(stored.patient.name.given == "Alpha" && stored.patient.id == "P-Alpha")
    }

    /// The same patient's record imported while the add is open updates the added case (an import is an upsert).
    @Test func anImportOfTheSamePatientDuringAnAddUpdatesTheCase() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let adder = try db.open(role: "site_a")
        let importer = try db.open(role: "site_b")
        let record = CaseAddTests.record("NEW-3", name: "Alpha")
        var again = record
        again.question = "Second-line therapy?"
        let said = try Self.race(
            adder,
            first: { try adder.writeCase(record, now: Fixtures.now, new: true) },
            second: { [again] in
                let summary = try importer.importBundle(
                    BoardBundle(cases: [again]), dryRun: false, now: Fixtures.now, progress: nil)
                return summary.counts["case"]?.updated == 1 ? "updated" : "\(summary.counts)"
            })
        #expect(said == "updated")
        let stored = try #require(try importer.caseRecord(id: "NEW-3", on: LocalDate(Fixtures.now))?.record)
        #expect(stored.question == "Second-line therapy?")
        #expect(try importer.verify().isOK)
    }

    /// The rows of a stored case are compared by a digest the server sends as hex digits, whatever the session's
    /// `bytea_output`: a lab file imported again is unchanged with `escape` output too (before: every row read as
    /// changed and was rewritten).
    @Test func aReimportIsUnchangedWhateverTheByteaOutput() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let store = try db.open(role: "site_a")
        try store.importBundle(Fixtures.bundle, dryRun: false, now: Fixtures.now, progress: nil)
        let batch = BothBackendsImportTests.batch(caseId: "C-1", FindingImportTests.rows)
        let first = try BothBackendsImportTests.importing(store, [batch])
        #expect(first.counts["finding"]?.created == 50)
        try store.connection.execute(script: "SET bytea_output = 'escape'")
        let again = try BothBackendsImportTests.importing(store, [batch])
        #expect(again.counts["finding"]?.unchanged == 50 && again.counts["finding"]?.updated == 0)
        #expect(again.changedCases.isEmpty)
    }

    /// A record of a patient who shares nothing with `CaseAddTests.record`'s (name, birth date, identifiers).
    static func otherPatient(_ id: String) -> Case {
        var c = CaseAddTests.record(id, name: "Beta")
        c.patient.name = PersonName(given: "Beta", family: "Other")
        c.patient.birthDate = LocalDate(year: 1990, month: 1, day: 2)
        c.patient.identifiers = []
        return c
    }

    @Test func hexDigitsReadAsBytes() {
        #expect(PostgresFindingWriter.bytes(hex: "00ff7Fa0") == Data([0x00, 0xFF, 0x7F, 0xA0]))
        #expect(PostgresFindingWriter.bytes(hex: "") == Data())
        #expect(PostgresFindingWriter.bytes(hex: "\\x00") == nil)
        #expect(PostgresFindingWriter.bytes(hex: "abc") == nil)
        #expect(PostgresFindingWriter.bytes(hex: "zz") == nil)
    }

    final class Said: @unchecked Sendable {
        private let lock = NSLock()
        private var text: String?
        func set(_ s: String) { lock.withLock { text = s } }
        var value: String? { lock.withLock { text } }
    }
}
