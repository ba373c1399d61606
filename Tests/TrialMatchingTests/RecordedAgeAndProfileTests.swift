import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// The new-user run's matching items: an age the record states without a birth date (cBioPortal AGE, a
/// phenopacket's age at last encounter) settles an age criterion when every age from it up gives the same answer
/// (the age now is at least the recorded one, whose date is not stated); a case whose only molecular results are
/// germline or biomarker (IHC, FISH) ones is not said to have none, and an absent alteration is not claimed for it.
@Suite("Recorded ages and cases without a tumour profile")
struct RecordedAgeAndProfileTests {
    static let tp53 = Finding(id: "TP53", kind: .snv, gene: "TP53", hgvsP: "p.R175H", consequence: "missense_variant")

    func run(_ criteria: Criterion?, _ record: Case, eligibility: Eligibility = Eligibility()) throws -> TrialMatch {
        var e = eligibility
        e.criteria = criteria
        let trial = Trial(
            id: "NCT00000001", title: "t", status: .recruiting, arms: [TrialArm(id: "A", name: "A", drugs: ["X"])],
            eligibility: e)
        return try #require(
            MatchEngine(trials: [trial]).match(record, on: Fixtures.day, at: Fixtures.now, selection: .all).first)
    }

    func aged(_ recorded: String?) -> Case {
        var c = Fixtures.makeCase(birth: nil, findings: [Self.tp53])
        c.patient.recordedAge = recorded
        return c
    }

    func ageOutcome(_ m: TrialMatch) throws -> CriterionOutcome {
        try #require(m.outcomes.first { $0.criterion.lowercased().contains("age") }, "\(Fixtures.describe(m))")
    }

    @Test(
        arguments: [
            ("P60Y", Int?.some(18), Int?.none, Outcome.met), ("P6M", 18, nil, .unknown), ("P60Y", nil, 50, .notMet),
            ("P60Y", nil, 75, .unknown), ("P17Y11M", 18, nil, .unknown), ("P18Y", 18, nil, .met),
        ] as [(String, Int?, Int?, Outcome)])
    func recordedAgeSettlesWhatItCan(_ recorded: String, _ minimum: Int?, _ maximum: Int?, _ expected: Outcome)
        throws
    {
        let m = try run(nil, aged(recorded), eligibility: Eligibility(minimumAge: minimum, maximumAge: maximum))
        let outcome = try ageOutcome(m)
        #expect(outcome.outcome == expected, "\(Fixtures.describe(m))")
        #expect(outcome.detail.contains("recorded age \(recorded)"), "\(outcome.detail)")
    }

    @Test func noAgeAtAllIsUnknown() throws {
        let outcome = try ageOutcome(try run(nil, aged(nil), eligibility: Eligibility(minimumAge: 18)))
        #expect(outcome.outcome == .unknown)
        #expect(outcome.detail == "date of birth not recorded")
        // A birth date wins over a recorded age.
        var born = Fixtures.makeCase(findings: [Self.tp53])
        born.patient.recordedAge = "P6M"
        #expect(try ageOutcome(try run(nil, born, eligibility: Eligibility(minimumAge: 18))).outcome == .met)
    }

    @Test func yearsOfDurations() {
        #expect(CaseIndex.years(ofDuration: "P60Y") == 60)
        #expect(CaseIndex.years(ofDuration: "P7Y3M") == 7)
        #expect(CaseIndex.years(ofDuration: "P6M") == 0)
        #expect(CaseIndex.years(ofDuration: "P400D") == 1)
        #expect(CaseIndex.years(ofDuration: "60") == nil)
        #expect(CaseIndex.years(ofDuration: "P") == nil)
    }

    /// Germline-only (a germline genome) and biomarker-only (HER2 IHC) cases: a genomic criterion is unknown and the
    /// reason names what the case has; an absent alteration is not claimed ("NOT NRAS p.G12D" stays possible).
    @Test func germlineOrBiomarkerOnlyIsNoTumourProfile() throws {
        let germline = Finding(
            id: "G", kind: .snv, gene: "BRCA2", hgvsP: "p.D191G", consequence: "missense_variant", origin: .germline)
        let her2 = Finding(
            id: "H", kind: .biomarker, gene: "ERBB2", biomarker: Biomarker(kind: .other, name: "HER2 IHC", status: "3+")
        )
        let egfr = Criterion.genomic(GenomicCriterion(hugoSymbol: "EGFR", variantCategory: "Mutation"))
        let notNRAS = Criterion.genomic(
            GenomicCriterion(hugoSymbol: "NRAS", variantCategory: "!Mutation", proteinChange: "p.G12D"))
        for (findings, text) in [
            ([germline], "no tumour sequencing results recorded (only germline results)"),
            ([her2], "no tumour sequencing results recorded (only biomarker results)"),
            ([germline, her2], "no tumour sequencing results recorded (only germline and biomarker results)"),
            ([], "no molecular results recorded"),
        ] {
            let record = Fixtures.makeCase(findings: findings)
            let m = try run(egfr, record)
            #expect(m.outcomes.first?.outcome == .unknown, "\(Fixtures.describe(m))")
            #expect(m.outcomes.first?.detail == text, "\(Fixtures.describe(m))")
            #expect(try run(notNRAS, record).status != .eligible)
        }
        // A sequenced tumour without NRAS p.G12D does meet it.
        #expect(try run(notNRAS, Fixtures.makeCase(findings: [Self.tp53])).status == .eligible)
    }
}
