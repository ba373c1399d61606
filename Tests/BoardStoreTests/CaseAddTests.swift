import BoardModel
import Foundation
import Testing

@testable import BoardFormats
@testable import BoardStore

/// `case add` makes a new case only: the existence check and the write are one transaction on both backends, so an
/// existing case is refused and left as it was, and two terminals adding one id at the same moment make one case and
/// one refusal (never a case silently overwritten by the other's details).
struct CaseAddTests {
    static func record(_ id: String, name: String) -> Case {
        var c = Fixtures.cases[0]
        c.id = id
        c.patient.id = "P-" + name
        c.patient.name = PersonName(given: name, family: "Test")
        c.findings = []
        return c
    }

    @Test(arguments: Backend.available)
    func anExistingCaseIsRefusedAndKept(backend: Backend) throws {
        let (s, _) = try backend.makeBoard()
        try s.addCase(Self.record("NEW-1", name: "First"), now: Fixtures.now)
        #expect(throws: StoreError.alreadyExists(kind: "case", id: "NEW-1")) {
            try s.addCase(Self.record("NEW-1", name: "Second"), now: Fixtures.now)
        }
        let kept = try #require(try s.caseRecord(id: "NEW-1", on: LocalDate(Fixtures.now))?.record)
        #expect(kept.patient.name.given == "First")
    }

    /// Two members add the same id at once, many times over: each round makes exactly one case, whose details are
    /// the winner's, and the other gets the refusal.
    @Test(arguments: Backend.available)
    func twoAddsAtOnceMakeOneCase(backend: Backend) throws {
        let (a, open) = try backend.makeBoard()
        let b: any Backend.Store
        var file: String?
        if backend == .sqlite {
            // Two connections to one file, as two terminals have (an in-memory store has one connection).
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("caseadd-\(UUID()).sqlite").path
            file = path
            _ = try BoardStore.open(path: path, user: "site_a")
            b = try BoardStore.open(path: path, user: "site_b")
            try race(try BoardStore.open(path: path, user: "site_a"), b)
        } else {
            b = try open("site_b")
            try race(a, b)
        }
        if let file {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        }
    }

    func race(_ a: any Backend.Store, _ b: any Backend.Store) throws {
        for round in 0..<20 {
            let id = "RACE-\(round)"
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let store = i == 0 ? a : b
                do {
                    try store.addCase(Self.record(id, name: i == 0 ? "Alpha" : "Beta"), now: Fixtures.now)
                    outcomes.add("added \(i)")
                } catch StoreError.alreadyExists {
                    outcomes.add("refused \(i)")
                } catch {
                    outcomes.add("error \(error)")
                }
            }
            let said = outcomes.all.sorted()
            #expect(said.filter { $0.hasPrefix("added") }.count == 1, "\(id): \(said)")
            #expect(said.filter { $0.hasPrefix("refused") }.count == 1, "\(id): \(said)")
            let winner = said.first { $0.hasPrefix("added") } == "added 0" ? "Alpha" : "Beta"
            let stored = try a.caseRecord(id: id, on: LocalDate(Fixtures.now))?.record
            #expect(stored?.patient.name.given == winner, "\(id)")
        }
    }

    /// A `case add` waits for no other case's write: another site's open transaction that changed a case (as a
    /// sign-off does after taking the audit lock) never holds it up, so the two cannot deadlock.
    @Test func anAddOnPostgreSQLWaitsForNoOtherCasesWrite() throws {
        guard Backend.available.contains(.postgresql) else { return }
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let site = try db.open(role: "site_a")
        try site.addCase(Self.record("OLD-1", name: "First"), now: Fixtures.now)
        let other = try db.open(role: "site_b")
        try other.connection.execute(script: "BEGIN; UPDATE \"case\" SET updated_at = updated_at WHERE id = 'OLD-1'")
        defer { _ = try? other.connection.execute(script: "ROLLBACK") }
        let started = Date()
        try site.addCase(Self.record("NEW-2", name: "Second"), now: Fixtures.now)
        #expect(Date().timeIntervalSince(started) < 5, "waited \(Date().timeIntervalSince(started)) s")
    }

    /// `case add ID` with no name or birth date (what the help and README describe), then the patient's FHIR record
    /// imported with `--case ID`: the record fills the case, which keeps its patient id (the placeholder patient gains
    /// the record's details), instead of "already belongs to another patient".
    @Test(arguments: Backend.available)
    func aRecordImportedIntoACaseAddedByHandFillsIt(backend: Backend) throws {
        let (s, _) = try backend.makeBoard()
        let today = LocalDate(Fixtures.now)
        try s.addCase(try NewCase(id: "NEW-9", diagnosis: "LUAD").record(today: today), now: Fixtures.now)
        let payload = try FHIRReader.read(
            data: RecordIdentityTests.bundle(id: "one", gene: "BRAF", hgvsG: "NC_000007.13:g.140453136A>T"),
            file: "/data/one.json", caseId: "NEW-9")
        try s.requireSamePatient(caseId: "NEW-9", records: payload.bundle.cases)
        try s.importRecords(
            payload.bundle, partialCases: payload.partialCases, caseAdditions: payload.caseAdditions,
            findingBatches: payload.findingSets, findingStreams: payload.findingStreams, evidence: payload.evidence,
            evidenceLoci: payload.evidenceLoci, skipped: payload.skipped, dryRun: false, now: Fixtures.now,
            progress: nil)
        let record = try #require(try s.caseRecord(id: "NEW-9", on: today)?.record)
        #expect(record.patient.id == "patient-of-NEW-9")
        #expect(record.patient.birthDate == LocalDate(year: 1962, month: 12, day: 31))
        #expect(record.findings.contains { $0.gene == "BRAF" })
    }

    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var said: [String] = []
        func add(_ s: String) { lock.withLock { said.append(s) } }
        var all: [String] { lock.withLock { said } }
    }
}
