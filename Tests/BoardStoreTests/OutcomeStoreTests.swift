import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Outcomes in the store: numbered per case, validated against the case, audited, corrected by version, read per
/// case or for many cases at once; a refused outcome leaves the store as it was.
@Suite("Outcomes in the store")
struct OutcomeStoreTests {
    static let today = LocalDate("2026-12-01")!

    static func outcome(
        _ caseId: String, _ kind: OutcomeKind, _ date: String, _ change: (inout CaseOutcome) -> Void = { _ in }
    )
        -> CaseOutcome
    {
        var o = CaseOutcome(
            id: "", caseId: caseId, kind: kind, date: LocalDate(date)!, recordedBy: "", recordedAt: Fixtures.now)
        change(&o)
        return o
    }

    @Test func addListAndAudit() throws {
        let store = try Fixtures.seededStore()
        let started = try store.addOutcome(
            Self.outcome("C-3", .treatmentStarted, "2026-11-20") {
                $0.regimen = "pemigatinib"
                $0.followedRecommendation = .yes
                $0.decisionId = "D-1"
            }, today: Self.today, now: Fixtures.now)
        #expect(started.id == "O-C-3-1" && started.version == 1 && started.recordedBy == "tester")
        let response = try store.addOutcome(
            Self.outcome("C-3", .response, "2026-11-30") {
                $0.criteria = .recist
                $0.response = "pr"
                $0.treatmentId = started.id
            }, today: Self.today, now: Fixtures.now)
        #expect(response.id == "O-C-3-2")
        #expect(try store.outcomes(caseId: "C-3").map(\.id) == ["O-C-3-1", "O-C-3-2"])
        #expect(try store.outcomes(caseId: "C-1").isEmpty)
        let actions = try store.auditEvents(caseId: "C-3").filter { $0.entity == "outcome" }.map(\.action)
        #expect(actions == ["outcome.add", "outcome.add"])
        #expect(try store.verify().isOK)
    }

    @Test func refusedOutcomesChangeNothing() throws {
        let store = try Fixtures.seededStore()
        let before = try Fixtures.snapshot(store)
        let early = Self.outcome("C-3", .response, "2026-11-01") {
            $0.criteria = .recist
            $0.response = "PR"
        }
        do {
            try store.addOutcome(early, today: Self.today)
            Issue.record("expected a refusal")
        } catch let error as OutcomeInvalid {
            #expect(error.problems.map(\.field) == ["date"])
            #expect(error.description.hasPrefix("outcome for case C-3 not saved: date: expected a response after"))
        }
        #expect(throws: StoreError.notFound(kind: "case", id: "C-9")) {
            try store.addOutcome(Self.outcome("C-9", .death, "2026-11-01"), today: Self.today)
        }
        #expect(throws: OutcomeInvalid.self) {
            try store.addOutcome(
                Self.outcome("C-3", .death, "2026-11-01") { $0.decisionId = "D-404" }, today: Self.today)
        }
        // A file's outcomes go in together or not at all.
        #expect(throws: OutcomeInvalid.self) {
            try store.addOutcomes(
                [
                    Self.outcome("C-3", .treatmentStarted, "2026-11-20") { $0.regimen = "pemigatinib" },
                    Self.outcome("C-3", .toxicity, "2026-11-25") { $0.grade = 2 },
                ], today: Self.today)
        }
        #expect(try Fixtures.snapshot(store) == before)
    }

    @Test func aFileIsCheckedInOrder() throws {
        let store = try Fixtures.seededStore()
        let saved = try store.addOutcomes(
            [
                Self.outcome("C-3", .treatmentStarted, "2026-11-20") { $0.regimen = "pemigatinib" },
                Self.outcome("C-3", .toxicity, "2026-11-25") {
                    $0.grade = 3
                    $0.term = "Hyperphosphatemia"
                },
            ], today: Self.today)
        #expect(saved.added.map(\.id) == ["O-C-3-1", "O-C-3-2"])
    }

    @Test func aFilesOwnIdsLinkItsEventsAndASecondImportAddsNothing() throws {
        let store = try Fixtures.seededStore()
        let file = [
            Self.outcome("C-3", .treatmentStarted, "2026-11-20") {
                $0.id = "line-2"
                $0.drugs = ["pemigatinib"]
                $0.source = "timeline.txt line 2"
            },
            Self.outcome("C-3", .treatmentStopped, "2026-11-28") {
                $0.stopReason = .notStated
                $0.treatmentId = "line-2"
            },
        ]
        let first = try store.addOutcomes(file, today: Self.today)
        #expect(first.added.map(\.id) == ["O-C-3-1", "O-C-3-2"] && first.duplicates.isEmpty)
        #expect(first.added.last?.treatmentId == "O-C-3-1")
        let before = try Fixtures.snapshot(store)
        let again = try store.addOutcomes(file, today: Self.today)
        #expect(again.added.isEmpty && again.duplicates.map(\.id) == ["O-C-3-1", "O-C-3-2"])
        #expect(try Fixtures.snapshot(store) == before)
        do {
            try store.addOutcomes(
                [file[0], Self.outcome("C-3", .toxicity, "2026-11-21") { $0.grade = 3 }], today: Self.today)
            Issue.record("expected a refusal")
        } catch let error as OutcomeInvalid {
            #expect(error.index == 1 && error.problems.map(\.field) == ["term"])
        }
    }

    @Test func correctionsAreVersionedAndConflictsRefused() throws {
        let store = try Fixtures.seededStore()
        let started = try store.addOutcome(
            Self.outcome("C-3", .treatmentStarted, "2026-11-20") { $0.regimen = "pemigatinib" }, today: Self.today)
        var fix = started
        fix.date = LocalDate("2026-11-21")!
        let fixed = try store.correctOutcome(fix, today: Self.today)
        #expect(fixed.version == 2 && fixed.id == started.id)
        #expect(try store.outcome(id: started.id)?.date == LocalDate("2026-11-21"))
        #expect(throws: StoreError.conflict(kind: "outcome", id: started.id, expectedVersion: 1, currentVersion: 2)) {
            try store.correctOutcome(fix, today: Self.today)
        }
        let events = try store.auditEvents(caseId: "C-3").filter { $0.entity == "outcome" }
        #expect(events.map(\.action) == ["outcome.add", "outcome.correct"])
        #expect(events.last?.before?.contains("2026-11-20") == true)
    }

    @Test func manyCasesInOneCall() throws {
        let store = try Fixtures.seededStore()
        try store.addOutcome(
            Self.outcome("C-3", .treatmentStarted, "2026-11-20") { $0.regimen = "pemigatinib" }, today: Self.today)
        try store.addOutcome(Self.outcome("C-1", .lostToFollowUp, "2026-10-01"), today: Self.today)
        let all = try store.outcomes(caseIds: ["C-1", "C-2", "C-3", "C-404"])
        #expect(all.keys.sorted() == ["C-1", "C-3"])
        #expect(all["C-3"]?.first?.regimen == "pemigatinib")
        #expect(try store.outcomes(caseIds: []).isEmpty)
    }
}
