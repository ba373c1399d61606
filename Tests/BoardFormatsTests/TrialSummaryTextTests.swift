import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// `tumorboard trial ID`'s text: what a coordinator checks after importing a trial, every arm with its drugs and
/// whether it takes patients (a registry arm follows its trial's status), the conditions with their OncoTree codes,
/// the limits, the matcher's reading and the registry's text.
@Suite("A stored trial as text")
struct TrialSummaryTextTests {
    static let trial = Trial(
        id: "NCT00000200", title: "A phase 2 basket study", shortTitle: "BASKET-2", phase: "Phase 2",
        status: .activeNotRecruiting, sponsor: "Sponsor X",
        arms: [
            TrialArm(id: "A", name: "Arm A: Olaparib", drugs: ["Olaparib"]),
            TrialArm(id: "B", name: "Group 5", drugs: []),
            TrialArm(id: "C", name: "C", drugs: ["Drug C"], open: false),
        ],
        eligibility: Eligibility(
            minimumAge: 18, sex: .female, diagnoses: ["BRCA", "OVARY"],
            conditions: ["Breast Cancer", "Ovarian Cancer"], inclusionText: "- Adults\n- ECOG 0-1",
            exclusionText: "- Pregnancy"))

    @Test func everyPartACoordinatorChecksIsThere() {
        let lines = TrialSummaryText(trial: Self.trial, compiled: ["Every patient:", "  age ≥ 18"]).lines()
        let text = lines.joined(separator: "\n")
        #expect(lines[0] == "NCT00000200  A phase 2 basket study")
        #expect(lines.contains("Short title:  BASKET-2"))
        #expect(lines.contains("Status:       active not recruiting"))
        #expect(lines.contains("Phase:        Phase 2"))
        #expect(lines.contains("Arms (3, 0 open):"))
        // Arms of a trial that does not recruit are closed by the trial's status, which is said first.
        #expect(lines.contains("  A: Arm A: Olaparib (closed: trial active not recruiting)"))
        #expect(lines.contains("    drugs: Olaparib"))
        #expect(lines.contains("  B: Group 5 (closed: trial active not recruiting)"))
        #expect(lines.contains("    drugs: none stated"))
        #expect(lines.contains("  C: (closed: trial active not recruiting)"))
        #expect(lines.contains("Conditions:   Breast Cancer; Ovarian Cancer"))
        #expect(lines.contains("OncoTree:     BRCA, OVARY"))
        #expect(lines.contains("Age:          18 years or older"))
        #expect(lines.contains("Sex:          female"))
        #expect(text.contains("What the matcher checks"))
        #expect(lines.contains("    age ≥ 18"))
        #expect(lines.contains("Inclusion criteria (registry text):") && lines.contains("  - ECOG 0-1"))
        #expect(lines.contains("Exclusion criteria (registry text):") && lines.contains("  - Pregnancy"))
    }

    @Test func aRecruitingTrialsArmsAreOpenAndMissingPartsAreSaid() {
        var t = Self.trial
        t.status = .recruiting
        t.phase = nil
        t.eligibility = Eligibility()
        let lines = TrialSummaryText(trial: t).lines()
        #expect(lines.contains("Arms (3, 2 open):"))
        #expect(lines.contains("  A: Arm A: Olaparib (open)"))
        // An arm closed on its own in a recruiting trial says so; an unknown status is not called open or closed.
        #expect(lines.contains("  C: (closed to accrual)"))
        var unknown = t
        unknown.status = .unknown
        #expect(
            TrialSummaryText(trial: unknown).lines().contains(
                "  A: Arm A: Olaparib (accrual unknown: trial status unknown)"))
        #expect(lines.contains("Phase:        not stated"))
        #expect(lines.contains("Conditions:   none stated"))
        #expect(lines.contains("Age:          no limit stated"))
        #expect(lines.contains("Sex:          all"))
        #expect(!lines.contains { $0.hasPrefix("What the matcher checks") })
        t.arms = []
        #expect(TrialSummaryText(trial: t).lines().contains("Arms: none stated"))
    }

    @Test func ageAndSexBesideANameAreWordedWhenUnknown() {
        #expect(AgeSexText.text(age: 64, sex: .female) == "64F")
        #expect(AgeSexText.text(age: 64, sex: .unknown) == "64, sex unknown")
        #expect(AgeSexText.text(age: nil, sex: .male) == "M, age unknown")
        #expect(AgeSexText.text(age: nil, sex: .unknown) == "age and sex unknown")
    }
}
