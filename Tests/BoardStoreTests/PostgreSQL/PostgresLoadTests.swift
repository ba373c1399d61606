import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// The short version of scripts/load-test.sh that CI runs: writers as five roles at once (each its own connection),
/// some adding notes and some saving the same decision, with readers beside them; then every acknowledged write is in
/// the store, every lost race was a detected conflict, and the audit chain verifies.
@Suite("PostgreSQL under load")
struct PostgresLoadTests {
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var notes: [String] = []
        private(set) var versions: [(id: String, rationale: String)] = []
        private(set) var conflicts = 0
        private(set) var reads = 0
        private(set) var failures: [String] = []
        func note(_ text: String) { lock.withLock { notes.append(text) } }
        func version(_ id: String, _ rationale: String) { lock.withLock { versions.append((id, rationale)) } }
        func conflict() { lock.withLock { conflicts += 1 } }
        func read() { lock.withLock { reads += 1 } }
        func failed(_ error: Error) { lock.withLock { failures.append("\(error)") } }
    }

    static let sites = ["site_a", "site_b", "site_c", "site_d", "site_e"]

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func writersAtFiveSitesLoseNothingAndConflictsAreDetected() throws {
        let db = try PostgresTestServer.freshDatabase()
        _ = try db.open()
        let setup = try db.open(role: "site_a")
        try setup.importBundle(Fixtures.bundle, dryRun: false, now: Fixtures.now, progress: nil)
        let shared = try setup.saveDecision(
            try setup.newDecision(caseId: "C-2", meetingId: nil, now: Fixtures.now), now: Fixtures.now)
        let cases = ["C-1", "C-2", "C-3"]
        let tally = Tally()
        // Every member connects first (one connection each, as five sites would), then all start at once.
        let writers = try (0..<10).map { try db.open(role: Self.sites[$0 % 5]) }
        let readers = try (0..<2).map { _ in try db.open(role: "site_c", readOnly: true) }
        let end = Date().addingTimeInterval(3)
        let group = DispatchGroup()
        // One thread each (GCD's pool would run only as many blocking writers as there are cores at once).
        func concurrently(_ work: @escaping @Sendable () -> Void) {
            group.enter()
            Thread {
                work()
                group.leave()
            }.start()
        }
        for (writer, store) in writers.enumerated() {
            concurrently {
                do {
                    var n = 0
                    while Date() < end {
                        n += 1
                        if writer < 5 {
                            let text = "load w\(writer) #\(n)"
                            try store.addNote(
                                caseId: cases[n % 3], findingId: nil, trialId: nil, text: text, meetingId: nil,
                                now: Date())
                            tally.note(text)
                        } else {
                            // Read, think, save: two sites saving the same decision at once is a detected conflict.
                            guard var decision = try store.decision(id: shared.id) else {
                                throw StoreError.other("the shared decision is gone")
                            }
                            let rationale = "w\(writer) #\(n)"
                            decision.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: rationale)]
                            usleep(UInt32.random(in: 0...3_000))
                            do {
                                let saved = try store.saveDecision(decision, now: Date())
                                tally.version(saved.id, rationale)
                            } catch is DecisionConflict {
                                tally.conflict()
                            }
                        }
                    }
                } catch { tally.failed(error) }
            }
        }
        for store in readers {
            concurrently {
                do {
                    while Date() < end {
                        _ = try store.cases(meetingId: nil, limit: 50, offset: 0)
                        _ = try store.caseRecord(id: "C-1", on: LocalDate(Date()))
                        _ = try store.search("load", limit: 20)
                        tally.read()
                    }
                } catch { tally.failed(error) }
            }
        }
        group.wait()
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(3))")
        let check = try db.open(role: "site_a", readOnly: true)
        let stored = try cases.flatMap { try check.caseRecord(id: $0, on: LocalDate(Date()))?.notes ?? [] }.map(\.text)
        let lost = Set(tally.notes).subtracting(stored)
        #expect(!tally.notes.isEmpty && lost.isEmpty, "\(lost.count) of \(tally.notes.count) acknowledged notes lost")
        // Every acknowledged save of the shared decision is a version recorded in the audit trail.
        let recorded = try check.auditEvents(caseId: "C-2", limit: 100_000).filter { $0.entityId == shared.id }
            .compactMap(\.after)
        let missing = tally.versions.filter { version in !recorded.contains { $0.contains(version.rationale) } }
        #expect(!tally.versions.isEmpty && missing.isEmpty, "\(missing.count) acknowledged decision saves lost")
        #expect(try check.decision(id: shared.id)?.version == shared.version + tally.versions.count)
        #expect(tally.reads > 0)
        #expect(try check.verify().isOK)
        print(
            "load (3 s): \(tally.notes.count) notes, \(tally.versions.count) decision saves, \(tally.conflicts) conflicts "
                + "detected, \(tally.reads) read rounds, 0 lost")
    }
}
