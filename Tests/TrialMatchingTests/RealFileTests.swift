import BoardFormats
import BoardModel
import Foundation
import TestSupport
import Testing

@testable import TrialMatching

/// The real CTML and ClinicalTrials.gov files in ../shared/realdata, read by BoardFormats' readers and
/// matched against sample cases.
@Suite(.enabled(if: RealData.enabled, RealData.reason)) struct RealFileTests {
    func trials(_ file: String, ctml: Bool) throws -> [Trial] {
        guard let data = RealData.data(file) else { return [] }
        return try
            (ctml ? CTMLReader.read(data: data, file: file) : ClinicalTrialsGovReader.read(data: data, file: file))
            .bundle.trials
    }

    @Test func capturBasketTrialExcludesTheStandardIndication() throws {
        let captur = try trials("ctml/NCT03297606_CAPTUR_Trial_v7.json", ctml: true)
        try #require(captur.count == 1)
        let engine = MatchEngine(trials: captur)
        // Rectal cancer with ERBB2 amplification: the trastuzumab + pertuzumab group.
        let her2 = try #require(engine.explain(Fixtures.sampleCase("C-0008"), trialId: "NCT03297606", on: Fixtures.day))
        #expect(her2.status == .eligible, "\(Fixtures.describe(her2))")
        #expect(her2.armId?.hasSuffix("Group 11") == true)
        #expect(her2.outcomes.contains { $0.criterion.hasSuffix("ERBB2 amplification") && $0.outcome == .met })
        // CTML "High level amplification" reads as amplification; disease status is met by stage IV.
        #expect(her2.outcomes.contains { $0.criterion.hasPrefix("disease status") && $0.outcome == .met })
        // EGFR-mutant lung cancer is excluded from the erlotinib group (`!Non-Small Cell Lung Cancer`).
        let egfr = try #require(engine.explain(Fixtures.sampleCase("C-0001"), trialId: "NCT03297606", on: Fixtures.day))
        #expect(egfr.status == .notEligible)
        #expect(
            egfr.outcomes.contains {
                $0.criterion.hasSuffix("diagnosis not within NSCLC (Non-Small Cell Lung Cancer)")
                    && $0.outcome == .notMet
            },
            "\(Fixtures.describe(egfr))")
        #expect(egfr.outcomes.contains { $0.criterion.hasSuffix("EGFR mutation") && $0.outcome == .met })
        // BRAF V600E colorectal cancer: the vemurafenib group excludes colorectal cancer.
        let braf = try #require(engine.explain(Fixtures.sampleCase("C-0006"), trialId: "NCT03297606", on: Fixtures.day))
        #expect(braf.status == .notEligible)
        #expect(
            braf.outcomes.contains {
                $0.criterion.hasSuffix("diagnosis not within COADREAD (Colorectal Adenocarcinoma)")
                    && $0.outcome == .notMet
            })
    }

    @Test func ctmlExampleWithContradictoryExonAndChange() throws {
        let example = try trials("ctml/00-001.yml", ctml: true)
        let trial = try #require(example.first)
        // The dose level asks for p.L858R in exon 19 (L858R lies in exon 21): nobody fits, and the reason is shown.
        let m = try #require(
            MatchEngine(trials: example).explain(Fixtures.sampleCase("C-0001"), trialId: trial.id, on: Fixtures.day))
        #expect(m.status == .notEligible, "\(Fixtures.describe(m))")
        #expect(m.outcomes.contains { $0.criterion.contains("EGFR p.L858R exon 19") && $0.outcome == .notMet })
    }

    @Test func clinicalTrialsGovRecordMatchedOnStructuredFieldsAndText() throws {
        let pallas = try trials("ctgov/NCT02513394.json", ctml: false)
        let trial = try #require(pallas.first)
        let engine = MatchEngine(trials: pallas)
        // ER+, HER2-negative breast cancer, ECOG 1 — but stage IV: PALLAS takes stage II–III only ("Stage I or IV … not eligible").
        let hr = try #require(engine.explain(Fixtures.sampleCase("C-0018"), trialId: trial.id, on: Fixtures.day))
        #expect(hr.status == .notEligible, "\(Fixtures.describe(hr))")
        #expect(hr.outcomes.contains { $0.fromText && $0.criterion == "text: HER2 negative" && $0.outcome == .met })
        #expect(
            hr.outcomes.contains {
                $0.fromText && $0.criterion == "excluded if: stage I or IV" && $0.outcome == .notMet
            })
        // Triple-negative: ER negative, PR not reported — the text's "ER+ and/or PR+" stays open, and says what settles it.
        let tnbc = try #require(engine.explain(Fixtures.sampleCase("C-0017"), trialId: trial.id, on: Fixtures.day))
        #expect(tnbc.status == .notEligible, "\(Fixtures.describe(tnbc))")
        #expect(tnbc.missingData.contains("PR status"))
        // Lung cancer: the condition "Breast Cancer" maps to OncoTree BREAST.
        let lung = try #require(engine.explain(Fixtures.sampleCase("C-0001"), trialId: trial.id, on: Fixtures.day))
        #expect(lung.status == .notEligible)
        #expect(lung.outcomes.contains { $0.criterion == "diagnosis within BREAST (Breast)" && $0.outcome == .notMet })
    }
}
