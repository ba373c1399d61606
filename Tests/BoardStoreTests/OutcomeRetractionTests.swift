import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Retracting an outcome entered in error: kept and marked (never deleted), audited, refused without a reason or
/// while a standing outcome needs it, and from then on counted by nothing (the checks of other outcomes, the
/// follow-up queue, precedents, cohort exports, a second import of the same file).
@Suite("Outcome retraction")
struct OutcomeRetractionTests {
    static let today = OutcomeStoreTests.today
    static func outcome(
        _ caseId: String, _ kind: OutcomeKind, _ date: String, _ change: (inout CaseOutcome) -> Void = { _ in }
    ) -> CaseOutcome {
        OutcomeStoreTests.outcome(caseId, kind, date, change)
    }

    /// C-3 (D-1 recommends pemigatinib): a treatment start and a response that belongs to it.
    static func started(_ store: BoardStore) throws -> (start: CaseOutcome, response: CaseOutcome) {
        let start = try store.addOutcome(
            outcome("C-3", .treatmentStarted, "2026-11-20") { $0.regimen = "pemigatinib" }, today: today,
            now: Fixtures.now)
        let response = try store.addOutcome(
            outcome("C-3", .response, "2026-11-30") {
                $0.criteria = .recist
                $0.response = "PR"
                $0.treatmentId = start.id
            }, today: today, now: Fixtures.now)
        return (start, response)
    }

    @Test func aRetractedOutcomeIsKeptMarkedAndAudited() throws {
        let store = try Fixtures.seededStore()
        let (_, response) = try Self.started(store)
        let later = Fixtures.now.addingTimeInterval(3600)
        let retracted = try store.retractOutcome(
            id: response.id, version: 1, reason: "  assessment of another lesion series  ", now: later)
        #expect(retracted.version == 2)
        #expect(
            retracted.retraction
                == OutcomeRetraction(
                    reason: "assessment of another lesion series", retractedBy: "tester", retractedAt: later))
        let listed = try store.outcomes(caseId: "C-3")
        #expect(listed.map(\.id) == ["O-C-3-1", "O-C-3-2"], "still listed, not deleted")
        #expect(
            listed[1].isRetracted
                && listed[1].summary.hasPrefix("RETRACTED (assessment of another lesion series): response"))
        let events = try store.auditEvents(caseId: "C-3").filter { $0.entity == "outcome" }
        #expect(events.map(\.action) == ["outcome.add", "outcome.add", "outcome.retract"])
        #expect(events.last?.before?.contains("\"retraction\"") == false)
        #expect(events.last?.after?.contains("assessment of another lesion series") == true)
        #expect(try store.verify().isOK)
    }

    @Test func refusalsChangeNothing() throws {
        let store = try Fixtures.seededStore()
        let (start, response) = try Self.started(store)
        let before = try Fixtures.snapshot(store)
        #expect(throws: OutcomeInvalid.self) { try store.retractOutcome(id: response.id, version: 1, reason: "  ") }
        #expect(throws: StoreError.conflict(kind: "outcome", id: response.id, expectedVersion: 3, currentVersion: 1)) {
            try store.retractOutcome(id: response.id, version: 3, reason: "typo")
        }
        #expect(throws: StoreError.notFound(kind: "outcome", id: "O-C-3-9")) {
            try store.retractOutcome(id: "O-C-3-9", version: 1, reason: "typo")
        }
        // The response belongs to the start: the start cannot go first.
        do {
            try store.retractOutcome(id: start.id, version: 1, reason: "wrong drug")
            Issue.record("expected a refusal")
        } catch let error as OutcomeInvalid {
            #expect(error.problems.map(\.field) == ["outcome"])
            #expect(error.description.contains("retract or correct O-C-3-2 (2026-11-30 response) first"))
        }
        #expect(try Fixtures.snapshot(store) == before)
        // In the right order both go; a retracted outcome is neither retracted again nor corrected.
        try store.retractOutcome(id: response.id, version: 1, reason: "wrong patient", now: Fixtures.now)
        let gone = try store.retractOutcome(id: start.id, version: 1, reason: "wrong patient", now: Fixtures.now)
        #expect(throws: StoreError.self) { try store.retractOutcome(id: start.id, version: 2, reason: "again") }
        var corrected = gone
        corrected.regimen = "futibatinib"
        #expect(throws: StoreError.self) { try store.correctOutcome(corrected, today: Self.today) }
    }

    @Test func aRetractedOutcomeCountsForNothing() throws {
        let store = try Fixtures.seededStore()
        let today = LocalDate("2027-03-01")!
        #expect(try store.followUpQueue(today: today).map(\.caseId) == ["C-3"])
        let start = try store.addOutcome(
            Self.outcome("C-3", .treatmentStarted, "2026-11-25") { $0.regimen = "pemigatinib" }, today: today)
        #expect(try store.followUpQueue(today: today).isEmpty, "the start settles the missing outcome")
        try store.retractOutcome(id: start.id, version: 1, reason: "entered on the wrong case", now: Fixtures.now)
        #expect(try store.followUpQueue(today: today).map(\.caseId) == ["C-3"], "retracted: missing again")
        // The checks of new outcomes do not see it: a response now needs a standing start.
        #expect(throws: OutcomeInvalid.self) {
            try store.addOutcome(
                Self.outcome("C-3", .response, "2026-12-20") {
                    $0.criteria = .recist
                    $0.response = "SD"
                }, today: today)
        }
        // A retracted death no longer closes the record.
        let death = try store.addOutcome(Self.outcome("C-3", .death, "2026-12-01"), today: today)
        #expect(try store.followUpQueue(today: today).isEmpty)
        try store.retractOutcome(id: death.id, version: 1, reason: "another patient's", now: Fixtures.now)
        #expect(try store.followUpQueue(today: today).map(\.caseId) == ["C-3"])
        try store.addOutcome(Self.outcome("C-3", .progression, "2026-12-15"), today: today)
        #expect(try store.outcomes(caseIds: ["C-3"])["C-3"]?.map(\.kind) == [.progression])
        // What leaves for a partner board (cohort export) holds only the standing outcome.
        let exported = try store.decidedCases(diagnoses: [], genes: []).first { $0.record.id == "C-3" }
        #expect(exported?.outcomes.map(\.kind) == [.progression])
    }

    @Test func aSecondImportDoesNotBringItBack() throws {
        let store = try Fixtures.seededStore()
        let file = [Self.outcome("C-3", .treatmentStarted, "2026-11-20") { $0.regimen = "pemigatinib" }]
        let first = try store.addOutcomes(file, today: Self.today)
        try store.retractOutcome(id: first.added[0].id, version: 1, reason: "not given", now: Fixtures.now)
        let again = try store.addOutcomes(file, today: Self.today)
        #expect(again.added.isEmpty && again.duplicates.map(\.id) == [first.added[0].id])
        var retracted = file[0]
        retracted.retraction = OutcomeRetraction(reason: "x", retractedBy: "y", retractedAt: Fixtures.now)
        retracted.regimen = "futibatinib"
        #expect(throws: OutcomeInvalid.self) { try store.addOutcome(retracted, today: Self.today) }
    }

    @Test func precedentsNoLongerShowIt() throws {
        let store = try CohortExchangeTests.sampleStore()
        let start = try store.addOutcome(
            Self.outcome("C-0009", .treatmentStarted, "2026-11-25") { $0.regimen = "futibatinib" }, today: Self.today)
        func shown() throws -> [String] {
            try store.precedents(for: "C-0028", limit: 50).precedents.first { $0.caseId == "C-0009" }?.outcomes
                .compactMap(\.regimen) ?? []
        }
        #expect(try shown().contains("futibatinib"))
        try store.retractOutcome(id: start.id, version: 1, reason: "another patient's", now: Fixtures.now)
        #expect(try !shown().contains("futibatinib"))
    }
}
