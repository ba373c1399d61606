import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// A trial record with nothing to evaluate never makes a case eligible (the new-user run: a cut-short registry
/// record, with its diagnosis but no arms and no criteria, made 1,095 cases "eligible"). It is at most possibly
/// eligible, with the reason as an unknown criterion.
@Suite("A trial with nothing to evaluate needs review")
struct EmptyTrialTests {
    let record = Fixtures.makeCase(code: "IDC", sex: .female)

    func only(_ trial: Trial) throws -> TrialMatch {
        try #require(
            MatchEngine(trials: [trial]).match(record, on: Fixtures.day, at: Fixtures.now, selection: .all).first)
    }

    @Test func registryRecordWithoutArmsOrCriteriaIsNotEligible() throws {
        let trial = Trial(
            id: "NCT00000010", title: "cut short", status: .recruiting,
            eligibility: Eligibility(diagnoses: ["BRCA"], conditions: ["Breast Cancer"]))
        let m = try only(trial)
        #expect(m.status == .possiblyEligible, "\(Fixtures.describe(m))")
        let reasons = m.outcomes.filter { $0.outcome == .unknown }.map(\.criterion)
        #expect(reasons.contains("needs review: the trial's record has no eligibility criteria"))
        #expect(reasons.contains("needs review: the trial's record lists no arms"))
    }

    @Test func armsWithoutAnyCriteriaNeedReview() throws {
        let trial = Trial(
            id: "NCT00000011", title: "no eligibility section", status: .recruiting,
            arms: [TrialArm(id: "A", name: "A", drugs: ["Olaparib"])], eligibility: Eligibility(diagnoses: ["BRCA"]))
        let m = try only(trial)
        #expect(m.status == .possiblyEligible, "\(Fixtures.describe(m))")
        #expect(m.missingData.contains("the trial's eligibility criteria (none in the imported record)"))
    }

    @Test func criteriaTextWithoutArmsNeedsReview() throws {
        let trial = Trial(
            id: "NCT00000012", title: "no arms", status: .recruiting,
            eligibility: Eligibility(diagnoses: ["BRCA"], inclusionText: "Histologically confirmed breast cancer."))
        #expect(try only(trial).status != .eligible)
    }

    /// The same record with arms and criteria is evaluated as before, without the review criteria.
    @Test func wholeRecordIsStillEvaluated() throws {
        let trial = Trial(
            id: "NCT00000013", title: "whole", status: .recruiting,
            arms: [TrialArm(id: "A", name: "A", drugs: ["Olaparib"])],
            eligibility: Eligibility(diagnoses: ["BRCA"], inclusionText: "Histologically confirmed breast cancer."))
        let m = try only(trial)
        #expect(!m.outcomes.contains { $0.criterion.hasPrefix("needs review") }, "\(Fixtures.describe(m))")
        #expect(m.status != .notEligible)
    }
}
