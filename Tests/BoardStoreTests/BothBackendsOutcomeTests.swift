import BoardFormats
import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Outcomes, the follow-up queue, precedents and cohort exchange: the same on SQLite and PostgreSQL (PostgreSQL when
/// a server is configured: see PostgresTestServer).
struct BothBackendsOutcomeTests {
    typealias Store = Backend.Store & OutcomeStore & PrecedentStore
    static let today = LocalDate("2026-12-01")!

    /// A new board with `bundle` imported (outcomes included), opened with the outcome and precedent areas.
    static func board(_ backend: Backend, _ bundle: BoardBundle = Fixtures.bundle) throws -> (
        store: any Store, as: (String) throws -> any Store
    ) {
        let (store, other) = try backend.makeBoard(bundle)
        return (
            try #require(store as? any Store),
            { name in try #require(try other(name) as? any Store) }
        )
    }

    static func importBundle(_ bundle: BoardBundle, into store: any Store) throws {
        switch store {
        case let sqlite as BoardStore: try sqlite.importBundle(bundle, now: Fixtures.now)
        case let postgres as PostgresBoardStore:
            try postgres.importBundle(bundle, dryRun: false, now: Fixtures.now, progress: nil)
        default: throw StoreError.other("unknown backend")
        }
    }

    @Test(arguments: Backend.available)
    func outcomesAreValidatedVersionedRetractedAndAudited(backend: Backend) throws {
        let (store, other) = try Self.board(backend)
        let started = try store.addOutcome(
            OutcomeStoreTests.outcome("C-3", .treatmentStarted, "2026-11-20") {
                $0.regimen = "pemigatinib"
                $0.decisionId = "D-1"
            }, today: Self.today, now: Fixtures.now)
        #expect(started.id == "O-C-3-1" && started.version == 1 && started.recordedBy == store.user)
        let response = try other("site_b").addOutcome(
            OutcomeStoreTests.outcome("C-3", .response, "2026-11-30") {
                $0.criteria = .recist
                $0.response = "PR"
                $0.treatmentId = started.id
            }, today: Self.today, now: Fixtures.now)
        #expect(response.id == "O-C-3-2" && response.recordedBy == "site_b")
        // A response before the treatment started, a decision of another case: refused, nothing written.
        let early = OutcomeStoreTests.outcome("C-3", .response, "2026-11-01") {
            $0.criteria = .recist
            $0.response = "SD"
        }
        let refused = try #require(throws: OutcomeInvalid.self) {
            try store.addOutcome(early, today: Self.today, now: Fixtures.now)
        }
        #expect(refused.problems.map(\.field) == ["date"])
        #expect(throws: OutcomeInvalid.self) {
            try store.addOutcome(
                OutcomeStoreTests.outcome("C-3", .death, "2026-11-25") { $0.decisionId = "D-404" }, today: Self.today,
                now: Fixtures.now)
        }
        #expect(throws: StoreError.notFound(kind: "case", id: "C-9")) {
            try store.outcomes(caseId: "C-9")
        }
        // A correction names the version it started from.
        var corrected = response
        corrected.response = "CR"
        let saved = try store.correctOutcome(corrected, today: Self.today, now: Fixtures.now)
        #expect(saved.version == 2 && saved.response == "CR")
        #expect(throws: StoreError.self) { try store.correctOutcome(corrected, today: Self.today, now: Fixtures.now) }
        // The treatment start cannot go while the response needs it; the response can, and then the start.
        #expect(throws: OutcomeInvalid.self) {
            try store.retractOutcome(id: started.id, version: 1, reason: "wrong case", now: Fixtures.now)
        }
        #expect(throws: OutcomeInvalid.self) {
            try store.retractOutcome(id: response.id, version: 2, reason: "  ", now: Fixtures.now)
        }
        let retracted = try store.retractOutcome(
            id: response.id, version: 2, reason: "entered twice", now: Fixtures.now)
        #expect(retracted.isRetracted && retracted.version == 3 && retracted.retraction?.retractedBy == store.user)
        #expect(throws: StoreError.self) {
            try store.retractOutcome(id: response.id, version: 3, reason: "again", now: Fixtures.now)
        }
        #expect(try store.outcomes(caseId: "C-3").map(\.id) == ["O-C-3-1", "O-C-3-2"])
        #expect(try store.outcomes(caseIds: ["C-3", "C-1"]).mapValues { $0.map(\.id) } == ["C-3": ["O-C-3-1"]])
        #expect(try store.outcome(id: "O-C-3-2")?.retraction?.reason == "entered twice")
        // A file's outcomes: all or nothing, and a second import adds none.
        let file = [
            OutcomeStoreTests.outcome("C-3", .progression, "2026-11-28"),
            OutcomeStoreTests.outcome("C-3", .toxicity, "2026-11-29") { $0.grade = 2 },
        ]
        #expect(throws: OutcomeInvalid.self) { try store.addOutcomes(file, today: Self.today, now: Fixtures.now) }
        let once = try store.addOutcomes(Array(file.prefix(1)), today: Self.today, now: Fixtures.now)
        let twice = try store.addOutcomes(Array(file.prefix(1)), today: Self.today, now: Fixtures.now)
        #expect(once.added.count == 1 && twice.added.isEmpty && twice.duplicates.map(\.id) == once.added.map(\.id))
        let actions = try store.auditEvents(caseId: "C-3", limit: 100).filter { $0.entity == "outcome" }.map(\.action)
        #expect(actions == ["outcome.add", "outcome.add", "outcome.correct", "outcome.retract", "outcome.add"])
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func theFollowUpQueueAndItsSettings(backend: Backend) throws {
        let (store, _) = try Self.board(backend)
        // D-1 (signed 2026-11-18) recommends a treatment: an outcome is expected within 90 days.
        #expect(try store.followUpQueue(today: Self.today, dueBy: nil).isEmpty)
        let ahead = try store.followUpQueue(today: Self.today, dueBy: LocalDate("2027-03-01")!)
        #expect(ahead.map(\.caseId) == ["C-3"] && ahead.first?.status == .upcoming)
        #expect(ahead.first?.dueOn == LocalDate("2027-02-16"))
        try store.setFollowUpRules(FollowUpRules(noOutcomeDays: 10, overdueAfterDays: 2), now: Fixtures.now)
        #expect(try store.followUpRules() == FollowUpRules(noOutcomeDays: 10, overdueAfterDays: 2))
        #expect(throws: StoreError.self) {
            try store.setFollowUpRules(FollowUpRules(noOutcomeDays: 0, overdueAfterDays: 5), now: Fixtures.now)
        }
        let due = try store.followUpQueue(today: Self.today, dueBy: nil)
        #expect(due.map(\.caseId) == ["C-3"] && due.first?.status == .overdue)
        // No meeting of the deciding board ahead: refused; with one, the case goes on it with the reason as a note.
        let item = try #require(due.first)
        #expect(throws: StoreError.self) { try store.scheduleFollowUp(item, now: Fixtures.now) }
        try Self.importBundle(
            BoardBundle(
                boards: [Board(id: "gi", name: "Gastrointestinal")],
                meetings: [
                    Meeting(id: "M-NEXT", boardId: "gi", startsAt: Fixtures.now.addingTimeInterval(14 * 86400))
                ]), into: store)
        let meeting = try store.scheduleFollowUp(item, now: Fixtures.now)
        #expect(meeting.id == "M-NEXT" && meeting.caseCount == 1)
        #expect(try store.headline(caseId: "C-3")?.status == .onAgenda)
        let record = try #require(try store.caseRecord(id: "C-3", on: Self.today))
        #expect(
            record.notes.contains { $0.text.hasPrefix("Back for follow-up (meeting M-NEXT): treatment recommended") })
        #expect(throws: StoreError.self) { try store.scheduleFollowUp(item, now: Fixtures.now) }
        // An outcome since the decision settles the missing-outcome reason.
        try store.addOutcome(
            OutcomeStoreTests.outcome("C-3", .treatmentStarted, "2026-11-20") { $0.regimen = "pemigatinib" },
            today: Self.today, now: Fixtures.now)
        #expect(try store.followUpQueue(today: Self.today, dueBy: nil).isEmpty)
        let settings = try store.auditEvents(caseId: nil, limit: 200).filter { $0.action == "setting.change" }
        #expect(settings.count == 2)
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func precedentsRankAsWorkedOutByHand(backend: Backend) throws {
        let cases = [PrecedentRankingTests.target] + PrecedentRankingTests.others
        let (store, _) = try Self.board(
            backend,
            BoardBundle(
                cases: cases,
                decisions: PrecedentRankingTests.others.enumerated().map {
                    PrecedentRankingTests.decision($0.element.id, final: $0.element.id != "H", day: $0.offset)
                }))
        let list = try store.precedents(for: "T", limit: 20, tree: .bundled)
        #expect(list.precedents.map(\.caseId) == ["A", "C", "B", "D", "F", "E", "K"])
        #expect(list.precedents.map(\.similarity.score) == [87, 74, 70, 44, 40, 35, 14])
        #expect(list.compared == 7)
        #expect(list.precedents.first?.signedBy == "Dr. Chair")
        #expect(try store.precedents(for: "T", limit: 2, tree: .bundled).precedents.map(\.caseId) == ["A", "C"])
        #expect(throws: StoreError.self) { try store.precedents(for: "nope", limit: 5, tree: .bundled) }
    }

    /// A generated board with history (outcomes included) on both backends gives the same precedents for every case.
    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func aGeneratedBoardRanksTheSameOnBothBackends() throws {
        let generator = SyntheticBoard(seed: 11, findingsPerCase: 4)
        let cases = (0..<120).map(generator.makeCase)
        let decided = cases.enumerated().compactMap { generator.makeHistory($0.element, index: $0.offset) }
        let bundle = BoardBundle(
            cases: cases, decisions: decided.map(\.decision), outcomes: decided.flatMap(\.outcomes))
        let (sqlite, _) = try Self.board(.sqlite, bundle)
        let (postgres, _) = try Self.board(.postgresql, bundle)
        var compared = 0
        for record in cases {
            let a = try sqlite.precedents(for: record.id, limit: 10, tree: .bundled)
            let b = try postgres.precedents(for: record.id, limit: 10, tree: .bundled)
            #expect(a == b, "\(record.id)")
            compared += a.compared
        }
        #expect(compared > 1000)
        #expect(
            try sqlite.followUpQueue(today: Self.today, dueBy: LocalDate("2030-01-01")!)
                == postgres.followUpQueue(today: Self.today, dueBy: LocalDate("2030-01-01")!))
    }

    @Test(arguments: Backend.available)
    func aCohortExportsImportsElsewhereAndReplacesItself(backend: Backend) throws {
        let (store, _) = try Self.board(backend)
        let members = try store.decidedCases(diagnoses: ["CHOL"], genes: ["fgfr2"], tree: .bundled)
        #expect(members.map(\.record.id) == ["C-3"])
        #expect(members.first?.pseudonym.hasPrefix("PX-") == true)
        #expect(try store.decidedCases(diagnoses: ["LUNG"], genes: [], tree: .bundled).isEmpty)
        #expect(try store.decidedCases(diagnoses: [], genes: ["EGFR"], tree: .bundled).isEmpty)
        let data = try CohortWriter.write(
            members, institution: "Riverside Cancer Centre", exportId: "riverside-1", exportedOn: Self.today,
            description: "test")
        let file = try CohortReader.read(data, file: "cohort.json")
        // Another board (a new store) takes it as read-only precedents of a partner.
        let (partner, _) = try Self.board(backend, BoardBundle(cases: [PrecedentRankingTests.target]))
        let first = try partner.importCohort(file, now: Fixtures.now)
        #expect(first == (added: 1, replaced: 0))
        #expect(try partner.externalPrecedentCounts() == ["Riverside Cancer Centre": 1])
        let list = try partner.precedents(for: "T", limit: 5, tree: .bundled)
        let external = try #require(list.precedents.first)
        #expect(external.institution == "Riverside Cancer Centre" && external.label == members[0].pseudonym)
        #expect(external.reasons.first == "same diagnosis (IHCH)")
        #expect(external.recommendations.first?.therapy == "pemigatinib")
        #expect(try partner.search("Riverside", limit: 10).contains { $0.kind == "external" })
        let again = try partner.importCohort(file, now: Fixtures.now)
        #expect(again == (added: 0, replaced: 1))
        #expect(try partner.externalPrecedentCounts() == ["Riverside Cancer Centre": 1])
        #expect(try partner.cases(meetingId: nil, limit: 10, offset: 0).map(\.id) == ["T"])
        #expect(try partner.auditEvents(caseId: nil, limit: 100).filter { $0.action == "cohort.import" }.count == 2)
    }
}
