import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import TrialMatching

/// What the free-text reader takes from eligibility criteria, and what it leaves alone.
@Suite struct FreeTextTests {
    func labels(_ text: String, _ section: EligibilityText.Section = .inclusion) -> [[String]] {
        EligibilityText.clauses(text, section: section).map { $0.mentions.map(\.label) }
    }

    @Test func classicAlterations() {
        #expect(labels("EGFR exon 19 deletion or L858R.") == [["EGFR exon 19 deletion / L858R"]])
        #expect(labels("Documented KRAS G12C mutation in tissue.") == [["KRAS G12C"]])
        #expect(labels("NTRK fusion by NGS.") == [["NTRK1/NTRK2/NTRK3 fusion"]])
        #expect(labels("HER2 amplification by ISH.") == [["ERBB2 amplification"]])
        #expect(labels("Pathogenic BRCA1/2 mutation.") == [["BRCA1/BRCA2 mutation"]])
        #expect(labels("MET exon 14 skipping alteration.") == [["MET exon 14 mutation"]])
        #expect(
            labels("Pathogenic KRAS G12, G13 or Q61 or NRAS Q61 mutation.") == [
                ["KRAS G12* / G13* / Q61*", "NRAS Q61*"]
            ])
        #expect(labels("Alteration in BRCA1, BRCA2, PALB2 or ATM.") == [["BRCA1/BRCA2/PALB2/ATM alteration"]])
        #expect(labels("RAS wild-type metastatic colorectal cancer.") == [["KRAS/NRAS/HRAS wild-type"]])
    }

    @Test func biomarkers() {
        let clause = EligibilityText.clauses(
            "MSI-H or dMMR by PCR or IHC, or tissue TMB ≥ 10 mut/Mb.", section: .inclusion)
        #expect(clause.first?.mentions.map(\.label) == ["MSI-H or dMMR", "TMB ≥10 mut/Mb"])
        #expect(clause.first?.anyOf == true)
        #expect(labels("ECOG performance status 0-1.") == [["ECOG ≤1"]])
        #expect(labels("Triple-negative breast cancer.") == [["ER negative", "PR negative", "HER2 negative"]])
    }

    @Test func drugTargetsAndPermissionsAreNotAlterations() {
        #expect(labels("Prior treatment with any KRAS G12C inhibitor.", .exclusion) == [])
        #expect(labels("Prior HER2-directed ADC.", .exclusion) == [])
        #expect(labels("Prior BRAF, MEK or EGFR inhibitor.", .exclusion) == [])
        #expect(labels("Prior anti-PD-1.", .exclusion) == [])
        #expect(labels("Germline BRCA1/2 carriers may enrol only after declining olaparib.", .exclusion) == [])
        #expect(
            labels("EGFR C797S or other known osimertinib resistance mechanism besides MET.", .exclusion) == [
                ["EGFR C797S"]
            ])
    }

    @Test func negatedInclusion() {
        let clause = EligibilityText.clauses("No EGFR or ALK alteration.", section: .inclusion).first
        #expect(clause?.negated == true)
        #expect(clause?.mentions.map(\.label) == ["EGFR/ALK alteration"])
    }

    @Test(.enabled(if: RealData.enabled, RealData.reason))
    func realClinicalTrialsGovEligibilityText() throws {
        guard let data = RealData.data("ctgov/NCT02513394.json") else { return }
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let protocolSection = root["protocolSection"] as! [String: Any]
        let text = (protocolSection["eligibilityModule"] as! [String: Any])["eligibilityCriteria"] as! String
        let (inclusion, exclusion) = EligibilityText.sections(of: text)
        #expect(inclusion.hasPrefix("* Signed informed consent"))
        #expect(exclusion.hasPrefix("* Concurrent therapy"))
        let clauses = EligibilityText.clauses(inclusion, section: .inclusion)
        // "ER+ and/or PR+, HER2-" (twice) and "ECOG performance status 0-1"; nothing else is taken.
        #expect(
            clauses.map { $0.mentions.map(\.label) } == [
                ["ER positive", "PR positive", "HER2 negative"],
                ["ER positive", "PR positive", "HER2 negative"], ["ECOG ≤1"],
            ])
        #expect(clauses.first?.anyOf == true)
        // The exclusions name drugs and enzymes ("CDK inhibitor", "CYP3A"), no alteration.
        #expect(EligibilityText.clauses(exclusion, section: .exclusion).isEmpty)
    }
}
