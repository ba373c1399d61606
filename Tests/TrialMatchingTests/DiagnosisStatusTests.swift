import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// The matching decision for a cancer the record says is not current (FHIR Condition.clinicalStatus resolved,
/// remission or inactive, or an abatement date): a diagnosis criterion it would meet is unknown — whether the cancer
/// is present now needs the chart — so the trial stays "possibly eligible" at best, and the explanation says why.
/// A diagnosis outside the trial's is still not met; an active or unstated status changes nothing.
@Suite("Matching a resolved or remitted cancer")
struct DiagnosisStatusTests {
    func run(_ record: Case, code: String = "LUAD") throws -> TrialMatch {
        var e = Eligibility()
        e.criteria = .clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: code))
        let trial = Trial(
            id: "NCT00000002", title: "t", status: .recruiting, arms: [TrialArm(id: "A", name: "A", drugs: ["X"])],
            eligibility: e)
        return try #require(
            MatchEngine(trials: [trial]).match(record, on: Fixtures.day, at: Fixtures.now, selection: .all).first)
    }

    func diagnosisOutcome(_ m: TrialMatch) throws -> CriterionOutcome {
        try #require(m.outcomes.first { $0.criterion.lowercased().contains("diagnos") }, "\(Fixtures.describe(m))")
    }

    @Test func aResolvedCancerLeavesTheDiagnosisCriterionToTheChart() throws {
        var c = Fixtures.makeCase()
        c.diagnosis.clinicalStatus = "resolved"
        c.diagnosis.abatedOn = LocalDate("2019-04-05")
        let m = try run(c)
        let outcome = try diagnosisOutcome(m)
        #expect(outcome.outcome == .unknown, "\(Fixtures.describe(m))")
        #expect(outcome.detail.contains("resolved 2019-04-05"), "\(outcome.detail)")
        #expect(m.status != .eligible)
        #expect(m.missingData.contains { $0.contains("whether the cancer is present now") }, "\(m.missingData)")
    }

    @Test func remissionToo() throws {
        var c = Fixtures.makeCase()
        c.diagnosis.clinicalStatus = "remission"
        #expect(try diagnosisOutcome(try run(c)).outcome == .unknown)
    }

    @Test func anActiveOrUnstatedStatusAndAnotherDiagnosisAreUnchanged() throws {
        var active = Fixtures.makeCase()
        active.diagnosis.clinicalStatus = "active"
        #expect(try diagnosisOutcome(try run(active)).outcome == .met)
        #expect(try diagnosisOutcome(try run(Fixtures.makeCase())).outcome == .met)
        var other = Fixtures.makeCase()
        other.diagnosis.clinicalStatus = "resolved"
        #expect(try diagnosisOutcome(try run(other, code: "BRCA")).outcome == .notMet)
    }

    @Test func theStatusChangesTheFingerprintOnlyWhenNotCurrent() {
        let day = LocalDate("2026-01-01")!
        let plain = Fixtures.makeCase()
        var active = plain
        active.diagnosis.clinicalStatus = "active"
        var resolved = plain
        resolved.diagnosis.clinicalStatus = "resolved"
        #expect(plain.fingerprint(on: day) == active.fingerprint(on: day))
        #expect(plain.fingerprint(on: day) != resolved.fingerprint(on: day))
    }
}
