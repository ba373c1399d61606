import Foundation
import Testing

@testable import BoardModel

/// Evidence has a direction: what each source's words and levels mean, and that only supported sensitivity is
/// ever a treatment option (CIViC evidence types and significances, OncoKB R1/R2 and Px/Dx, NCT/DKTK R).
@Suite("Evidence direction")
struct EvidenceDirectionTests {
    func entry(
        _ scale: EvidenceScale, _ code: String, type: String? = "Predictive", significance: String? = nil,
        therapy: String? = nil, direction: String? = nil
    ) -> EvidenceEntry {
        EvidenceEntry(
            source: scale.rawValue, level: EvidenceLevel(scale: scale, code: code), type: type,
            significance: significance,
            therapy: therapy, direction: direction)
    }

    @Test func civicSignificancesInBothVocabularies() {
        // CIViC 2021+ vocabulary and the 2018 nightly vocabulary read the same.
        #expect(entry(.civic, "A", significance: "Sensitivity/Response").clinicalSignificance == .sensitivity)
        #expect(entry(.civic, "A", significance: "Sensitivity").clinicalSignificance == .sensitivity)
        #expect(entry(.civic, "B", significance: "Resistance").clinicalSignificance == .resistance)
        #expect(entry(.civic, "B", significance: "Resistance or Non-Response").clinicalSignificance == .resistance)
        #expect(entry(.civic, "C", significance: "Reduced Sensitivity").clinicalSignificance == .reducedSensitivity)
        #expect(entry(.civic, "C", significance: "Adverse Response").clinicalSignificance == .adverseResponse)
        // Non-predictive types keep their type whatever the significance word.
        #expect(entry(.civic, "B", type: "Diagnostic", significance: "Negative").clinicalSignificance == .diagnostic)
        #expect(
            entry(.civic, "A", type: "Prognostic", significance: "Poor Outcome").clinicalSignificance == .prognostic)
        #expect(
            entry(.civic, "C", type: "Predisposing", significance: "Pathogenic").clinicalSignificance == .predisposing)
        #expect(entry(.civic, "D", type: "Oncogenic", significance: "Oncogenicity").clinicalSignificance == .oncogenic)
        #expect(
            entry(.civic, "D", type: "Functional", significance: "Gain of Function").clinicalSignificance == .functional
        )
        // A CIViC level says nothing alone: no significance is unknown, never a treatment option.
        let bare = entry(.civic, "A", significance: nil, therapy: "Drug X")
        #expect(bare.clinicalSignificance == .unknown && !bare.isTreatmentOption)
        #expect(bare.phrase == "Drug X (direction not stated), CIViC A")
    }

    @Test func levelsThatStateADirection() {
        #expect(entry(.oncokb, "R1", significance: nil, therapy: "Cetuximab").clinicalSignificance == .resistance)
        #expect(
            entry(.oncokb, "R2", significance: "Sensitivity/Response", therapy: "Imatinib").clinicalSignificance
                == .resistance)
        #expect(entry(.oncokb, "1", significance: nil, therapy: "Osimertinib").isTreatmentOption)
        #expect(entry(.oncokb, "Px1", type: nil, significance: nil).clinicalSignificance == .prognostic)
        #expect(entry(.oncokb, "Dx1", type: nil, significance: nil).clinicalSignificance == .diagnostic)
        #expect(entry(.escat, "I-A", significance: nil, therapy: "Larotrectinib").isTreatmentOption)
        #expect(entry(.escat, "X", significance: nil, therapy: "Drug").isTreatmentOption == false)
        // NCT/DKTK: R marks resistance and is kept on the code; is/iv/Z are qualifiers of a benefit level.
        let r = EvidenceLevel(scale: .nct, code: "m1A(R)")
        #expect(r.code == "m1AR" && r.isValid && r.isResistance && r.tier == 0)
        #expect(r.meaning?.contains("predicts resistance") == true)
        #expect(r.rank > EvidenceLevel(scale: .nct, code: "m4").rank)
        #expect(entry(.nct, "m2Bis", significance: nil, therapy: "Olaparib").isTreatmentOption)
        #expect(entry(.nct, "m1AR", significance: nil, therapy: "Erlotinib").isTreatmentOption == false)
        #expect(EvidenceLevel(scale: .nct, code: "m3").isResistance == false)
    }

    @Test func doesNotSupportNeverReadsAsSupport() {
        let against = entry(
            .civic, "B", significance: "Resistance", therapy: "Daunorubicin", direction: "Does Not Support")
        #expect(!against.supports && !against.isAgainstDrug && !against.isTreatmentOption)
        #expect(against.phrase == "does not support resistance to Daunorubicin, CIViC B")
        let noBenefit = entry(
            .civic, "B", significance: "Sensitivity/Response", therapy: "Cetuximab", direction: "Does Not Support")
        #expect(!noBenefit.isTreatmentOption)
        #expect(noBenefit.phrase == "does not support sensitivity to Cetuximab, CIViC B")
        #expect(
            entry(.civic, "B", significance: "Resistance", therapy: "Erlotinib", direction: "Supports").isAgainstDrug)
    }

    /// The sample board's C-0001: MET amplification with ESCAT II-B sensitivity (osimertinib + savolitinib) and
    /// CIViC B resistance (osimertinib). The resistance item used to be shown as the finding's therapy.
    @Test func aFindingWithBothReadsSensitivityFirstThenResistance() {
        let met = Finding(
            id: "F", kind: .copyNumber, gene: "MET", copyNumberCall: .amplification, copyNumber: 9,
            evidence: [
                entry(.civic, "B", significance: "Resistance", therapy: "Osimertinib"),
                entry(.escat, "II-B", significance: "Sensitivity/Response", therapy: "Osimertinib + Savolitinib"),
            ])
        #expect(met.bestEvidence?.therapy == "Osimertinib + Savolitinib")
        #expect(met.bestTreatmentOption?.level == EvidenceLevel(scale: .escat, code: "II-B"))
        #expect(
            met.evidenceSummary
                == "sensitivity to Osimertinib + Savolitinib, ESCAT II-B; resistance to Osimertinib, CIViC B")
        #expect(met.drugEvidence == "Osimertinib + Savolitinib · resistance: Osimertinib")
        #expect(met.evidenceRank == EvidenceLevel(scale: .escat, code: "II-B").rank)
        // A finding with only resistance ranks after every finding with a treatment option.
        let kras = Finding(
            id: "K", kind: .snv, gene: "KRAS", hgvsP: "p.G13D", evidence: [entry(.oncokb, "R1", therapy: "Cetuximab")])
        let weakOption = Finding(
            id: "W", kind: .snv, gene: "TSC2", evidence: [entry(.oncokb, "4", therapy: "Everolimus")])
        #expect(kras.evidenceRank > weakOption.evidenceRank)
        #expect(kras.bestTreatmentOption == nil && kras.evidenceSummary == "resistance to Cetuximab, OncoKB R1")
        #expect([kras, weakOption].byEvidence().map(\.id) == ["W", "K"])
    }

    @Test func resistanceToARecommendedDrugIsFoundOnAnyFinding() {
        let alk = Finding(
            id: "A2", kind: .snv, gene: "ALK", hgvsP: "p.G1202R",
            evidence: [
                entry(.civic, "B", significance: "Resistance", therapy: "Alectinib"),
                entry(.civic, "B", significance: "Sensitivity/Response", therapy: "Lorlatinib"),
            ])
        let kit = Finding(
            id: "K", kind: .snv, gene: "KIT",
            evidence: [entry(.civic, "D", significance: "Resistance", therapy: "Sorafenib, Nilotinib, Imatinib")])
        let combo = Finding(
            id: "C", kind: .snv, gene: "X",
            evidence: [entry(.civic, "C", significance: "Resistance", therapy: "Dabrafenib + Trametinib")])
        let alectinib = Recommendation(kind: .targetedTherapy, therapy: "Alectinib 600 mg bid")
        #expect(alectinib.drugNames == ["Alectinib 600 mg bid"] && DrugName.key("Alectinib 600 mg bid") == "alectinib")
        #expect(alectinib.evidenceAgainst(in: [alk]).count == 1)
        // Another drug whose name begins the same is not the same drug.
        let ccne1 = Finding(
            id: "E", kind: .copyNumber, gene: "CCNE1",
            evidence: [entry(.civic, "C", significance: "Resistance", therapy: "Trastuzumab")])
        #expect(
            Recommendation(kind: .targetedTherapy, therapy: "Trastuzumab deruxtecan 6.4 mg/kg q3w").evidenceAgainst(
                in: [ccne1]).isEmpty)
        #expect(
            Recommendation(kind: .targetedTherapy, therapy: "Alectinib").evidenceAgainst(in: [alk, kit]).map(
                \.finding.id) == ["A2"])
        #expect(Recommendation(kind: .targetedTherapy, therapy: "Lorlatinib").evidenceAgainst(in: [alk, kit]).isEmpty)
        // Substitutes: each drug alone is covered; a combination only when all its drugs are given.
        #expect(Recommendation(kind: .targetedTherapy, drugs: ["imatinib"]).evidenceAgainst(in: [kit]).count == 1)
        #expect(Recommendation(kind: .targetedTherapy, therapy: "Dabrafenib").evidenceAgainst(in: [combo]).isEmpty)
        #expect(
            Recommendation(kind: .targetedTherapy, therapy: "Dabrafenib + Trametinib").evidenceAgainst(in: [combo])
                .count == 1)
    }
}
