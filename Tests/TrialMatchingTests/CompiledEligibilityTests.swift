import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// `tumorboard trial ID` shows what the matcher compiled from a trial: the same criteria `explain` evaluates, the
/// arm's own criteria under the arm, every arm with its accrual (a closed arm is evaluated too), free-text criteria
/// marked.
@Suite("What the matcher compiled from a trial")
struct CompiledEligibilityTests {
    @Test func structuredFieldsTreeAndArmsAreListed() throws {
        let egfr = Criterion.genomic(GenomicCriterion(hugoSymbol: "EGFR", proteinChange: "p.L858R"))
        let trial = Trial(
            id: "NCT00000100", title: "t", status: .recruiting,
            arms: [
                TrialArm(id: "A", name: "Osimertinib", drugs: ["Osimertinib"], criteria: egfr),
                TrialArm(id: "B", name: "Closed arm", drugs: ["X"], open: false),
            ],
            eligibility: Eligibility(minimumAge: 18, sex: .female, diagnoses: ["LUAD"]))
        let compiled = try #require(MatchEngine(trials: [trial]).compiledEligibility(trialId: trial.id))
        let top = compiled.trial.map(\.text)
        #expect(top.contains { $0.contains("18") }, "\(top)")
        #expect(top.contains { $0.lowercased().contains("female") }, "\(top)")
        #expect(top.contains { $0.contains("LUAD") }, "\(top)")
        // Every arm is listed; the closed one says so and is evaluated all the same.
        #expect(compiled.arms.map(\.id) == ["A", "B"])
        #expect(compiled.arms.map(\.notOpen) == [nil, "closed to accrual"])
        let arm = compiled.arms[0].criteria.map(\.text)
        #expect(arm.contains { $0.contains("EGFR") && $0.contains("L858R") }, "\(arm)")
        #expect(!arm.contains { $0.hasPrefix("arm A: ") }, "the arm's heading says which arm")
        #expect(!compiled.notEvaluated.contains { $0.hasPrefix("arm B") }, "\(compiled.notEvaluated)")
        let text = compiled.textLines
        #expect(text.first == "Every patient:")
        #expect(text.contains { $0.hasPrefix("Arm A") })
        #expect(text.contains("Arm B (Closed arm) — closed to accrual, evaluated all the same:"), "\(text)")
        #expect(MatchEngine(trials: [trial]).compiledEligibility(trialId: "NCT99999999") == nil)
    }

    @Test func freeTextCriteriaAreMarked() throws {
        let trial = Trial(
            id: "NCT00000101", title: "t", status: .recruiting, arms: [TrialArm(id: "1", name: "1", drugs: ["D"])],
            eligibility: Eligibility(
                diagnoses: ["NSCLC"],
                inclusionText: "Inclusion Criteria:\n- ECOG performance status 0-1\n- Documented KRAS G12C mutation"))
        let compiled = try #require(MatchEngine(trials: [trial]).compiledEligibility(trialId: trial.id))
        let fromText = compiled.trial.filter(\.fromText).map(\.text)
        #expect(fromText.contains { $0.contains("KRAS") }, "\(compiled.trial)")
        #expect(compiled.textLines.contains { $0.contains("KRAS") && $0.hasSuffix("(from the text)") })
    }

    /// Every criterion `explain` reports for a sample case is one the compiled view lists (the view is the matcher's
    /// own reading, not a second one that could drift).
    @Test func everyExplainedCriterionIsListed() throws {
        for trial in Fixtures.sample.trials {
            let compiled = try #require(Fixtures.engine.compiledEligibility(trialId: trial.id))
            var listed = Set(compiled.trial.map(\.text) + compiled.arms.flatMap { $0.criteria.map(\.text) })
            listed.formUnion(compiled.notEvaluated)
            // Each open arm's own heading line ("arm B (Pembrolizumab)").
            listed.formUnion(compiled.arms.map(\.title))
            for record in Fixtures.sample.cases {
                guard let m = Fixtures.engine.explain(record, trialId: trial.id, on: Fixtures.day) else { continue }
                for outcome in m.outcomes {
                    var label = outcome.criterion
                    if let arm = m.armId, label.hasPrefix("arm \(arm): ") { label.removeFirst("arm \(arm): ".count) }
                    let known =
                        listed.contains(label) || (label.hasPrefix("one of: ") && listed.contains("one of:"))
                        || compiled.notEvaluated.contains { $0.hasPrefix(outcome.criterion) }
                    #expect(known, "\(trial.id) \(record.id): \(outcome.criterion) not in \(listed.sorted())")
                }
            }
        }
    }
}
