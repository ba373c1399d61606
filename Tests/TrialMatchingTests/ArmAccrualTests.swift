import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// Eligibility is not recruitment: the matcher evaluates every arm, open or not, and carries why an arm takes no
/// patients into the match ("not recruiting" from the registry's overall status, "closed to accrual" from CTML's
/// `arm_suspended`/`level_suspended`), ranking open arms first. MatchMiner records matches on closed arms the same
/// way (matchengine-V2: `trial_curation_level_status` "closed" when the arm or dose level is suspended, sorted after
/// "open").
@Suite("Arms that take no patients are matched and said so")
struct ArmAccrualTests {
    static let solid = Criterion.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "_SOLID_"))
    static let lung = Criterion.clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "NSCLC"))
    static let adult = Criterion.clinical(ClinicalCriterion(ageNumerical: ">=18"))

    func explain(_ trial: Trial, _ record: Case = Fixtures.makeCase(code: "LUAD")) -> TrialMatch {
        MatchEngine(trials: [trial]).explain(record, trialId: trial.id, on: Fixtures.day, at: Fixtures.now)!
    }

    @Test func aClosedArmIsEvaluatedAndItsMatchSaysItIsClosed() {
        let trial = Fixtures.trial(
            Self.adult, arms: [TrialArm(id: "A", name: "Lung", open: false, criteria: Self.lung)])
        let m = explain(trial)
        #expect(m.status == .eligible, "\(Fixtures.describe(m))")
        #expect(m.armId == "A")
        #expect(m.notOpen == "closed to accrual")
        // Its own criteria were evaluated, not skipped.
        #expect(m.outcomes.contains { $0.criterion.hasPrefix("arm A: ") && $0.outcome == .met }, "\(m.outcomes)")
        #expect(!m.outcomes.contains { $0.detail.contains("skipped") })
        let other = explain(trial, Fixtures.makeCase(code: "BRCA"))
        #expect(other.status == .notEligible, "a closed arm's own criteria still decide")
    }

    @Test func anOpenArmIsPreferredAndTheClosedOneIsListedAsClosed() {
        let trial = Fixtures.trial(
            Self.adult,
            arms: [
                TrialArm(id: "A", name: "Lung", open: false, criteria: Self.lung),
                TrialArm(id: "B", name: "Other", criteria: Self.solid),
            ])
        let m = explain(trial)
        #expect(m.armId == "B" && m.status == .eligible && m.notOpen == nil, "\(Fixtures.describe(m))")
        #expect(m.outcomes.contains { $0.criterion == "arm A (Lung)" && $0.detail == "closed to accrual; also fits" })
        // An open arm the case may fit comes before a closed arm it fits.
        let maybe = Fixtures.trial(
            Self.adult,
            arms: [
                TrialArm(id: "A", name: "Lung", open: false, criteria: Self.lung),
                TrialArm(
                    id: "B", name: "EGFR",
                    criteria: .genomic(GenomicCriterion(hugoSymbol: "EGFR", proteinChange: "p.L858R"))),
            ])
        // No molecular profile: arm B is possibly eligible, and open.
        let m2 = explain(maybe)
        #expect(m2.armId == "B" && m2.status == .possiblyEligible && m2.notOpen == nil, "\(Fixtures.describe(m2))")
        #expect(m2.outcomes.contains { $0.criterion == "arm A (Lung)" && $0.detail == "closed to accrual; also fits" })
    }

    @Test func everyArmOfATrialThatIsNotRecruitingSaysSoInTheRegistrysWords() {
        var trial = Fixtures.trial(
            Self.adult, arms: [TrialArm(id: "A", name: "A"), TrialArm(id: "B", name: "B")],
            status: .activeNotRecruiting)
        trial.closeArmsOfClosedTrial()
        #expect(trial.arms.allSatisfy { !$0.open })
        let m = explain(trial)
        #expect(m.status == .eligible, "eligibility is not recruitment: \(Fixtures.describe(m))")
        #expect(m.notOpen == "not recruiting")
        #expect(m.outcomes.contains { $0.criterion == "arm B" && $0.detail == "closed (not recruiting); also fits" })
        for (status, words) in [
            (RecruitmentStatus.suspended, "suspended"), (.completed, "completed"), (.terminated, "terminated"),
            (.withdrawn, "withdrawn"), (.noLongerAvailable, "no longer available"),
        ] {
            var t = trial
            t.status = status
            #expect(explain(t).notOpen == words)
        }
        // A trial without arms carries its own status; an unknown status is not called closed.
        var bare = Fixtures.trial(Self.adult, status: .completed)
        #expect(explain(bare).notOpen == "completed")
        bare.status = .unknown
        #expect(explain(bare).notOpen == nil)
        bare.status = .recruiting
        #expect(explain(bare).notOpen == nil)
    }

    @Test func matchesOnOpenArmsRankFirstAndEveryArmIsListed() {
        let open = Fixtures.trial(Self.adult, status: .recruiting, id: "NCT00000002")
        var closed = Fixtures.trial(
            Self.adult, arms: [TrialArm(id: "A", name: "A", criteria: Self.lung)], status: .activeNotRecruiting,
            id: "NCT00000001")
        closed.closeArmsOfClosedTrial()
        // The closed trial scores higher on its specific diagnosis; the open one still comes first.
        let engine = MatchEngine(trials: [closed, open])
        let record = Fixtures.makeCase(code: "LUAD")
        let ranked = engine.match(record, on: Fixtures.day, at: Fixtures.now, selection: .all)
        #expect(ranked.map(\.trialId) == ["NCT00000002", "NCT00000001"], "\(ranked.map(Fixtures.describe))")
        #expect(ranked.map(\.status) == [.eligible, .eligible])
        #expect(ranked.map(\.notOpen) == [nil, "not recruiting"])
        let everyArm = engine.matchEveryArm(record, on: Fixtures.day, at: Fixtures.now)
        #expect(everyArm.map(\.trialId) == ["NCT00000002", "NCT00000001"])
        #expect(everyArm.last?.armId == "A" && everyArm.last?.notOpen == "not recruiting")
        // A candidate on a closed arm still comes before a case that is not eligible for an open trial.
        let notEligible = Fixtures.trial(
            .clinical(ClinicalCriterion(oncotreePrimaryDiagnosis: "BRCA")), status: .recruiting, id: "NCT00000003")
        let three = MatchEngine(trials: [notEligible, closed, open]).match(
            record, on: Fixtures.day, at: Fixtures.now, selection: .all)
        #expect(three.map(\.trialId) == ["NCT00000002", "NCT00000001", "NCT00000003"])
    }

    @Test func theCompiledReadingListsEveryArmWithItsAccrual() throws {
        var trial = Fixtures.trial(
            Self.adult, arms: [TrialArm(id: "A", name: "Lung", criteria: Self.lung)], status: .suspended)
        trial.closeArmsOfClosedTrial()
        let compiled = try #require(MatchEngine(trials: [trial]).compiledEligibility(trialId: trial.id))
        #expect(compiled.arms.map(\.id) == ["A"])
        #expect(compiled.arms.first?.notOpen == "suspended")
        #expect(
            compiled.textLines.contains("Arm A (Lung) — suspended, evaluated all the same:"), "\(compiled.textLines)")
        #expect(!compiled.notEvaluated.contains { $0.contains("closed") })
    }
}
