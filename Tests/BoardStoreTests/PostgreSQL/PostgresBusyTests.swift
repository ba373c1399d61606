import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// `onBusy` on PostgreSQL: a save that has to wait for another terminal's lock is reported once and then succeeds,
/// as on SQLite; without a handler nothing changes.
@Suite("PostgreSQL lock waits")
struct PostgresBusyTests {
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.withLock { n += 1 } }
        var value: Int { lock.withLock { n } }
    }

    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func aSaveThatWaitsForAnotherTerminalsLockIsReportedOnceAndThenSaved() throws {
        let (store, other) = try Backend.postgresql.makeBoard(Fixtures.bundle)
        let waiting = try #require(try other("site_b") as? PostgresBoardStore)
        let waits = Count()
        waiting.onBusy { waits.add() }
        // Another terminal holds the audit trail's append lock (as a long save would) for a second.
        let holder = try #require(store as? PostgresBoardStore).connection
        try holder.execute(script: "BEGIN; SELECT pg_advisory_xact_lock(hashtext('tumorboard.audit'))")
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { _ = try? holder.execute(script: "COMMIT") }
        let started = Date()
        try waiting.addNote(
            caseId: "C-1", findingId: nil, trialId: nil, text: "saved after the wait", meetingId: nil, now: Fixtures.now
        )
        #expect(Date().timeIntervalSince(started) >= 0.9)
        #expect(waits.value == 1)
        #expect(
            try waiting.caseRecord(id: "C-1", on: LocalDate(Fixtures.now))?.notes.contains {
                $0.text == "saved after the wait"
            } == true)
        // An ordinary save with nobody in the way is not reported.
        try waiting.addNote(
            caseId: "C-1", findingId: nil, trialId: nil, text: "quick", meetingId: nil, now: Fixtures.now)
        #expect(waits.value == 1)
        #expect(try waiting.verify().isOK)
    }
}
