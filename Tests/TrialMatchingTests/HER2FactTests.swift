import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// HER2 tests as the ASCO/CAP HER2 testing guideline reads them (2018, reaffirmed 2023): IHC 3+ (the protein) or ISH
/// amplified (the gene) is HER2-positive. A trial's "ERBB2 amplification" criterion asks for the gene: ISH/FISH
/// amplified meets it, IHC 3+ alone leaves it unknown (ISH or NGS copy number would settle it), while a HER2-positive
/// criterion is met by either. IHC 2+ without ISH is equivocal and 0/1+ negative, and neither settles a genomic
/// criterion (the tumour's sequencing does); a missing test is never read as negative.
@Suite("HER2 tests as ERBB2 amplification")
struct HER2FactTests {
    let day = LocalDate(year: 2026, month: 12, day: 1)
    let amplification = Criterion.genomic(
        GenomicCriterion(hugoSymbol: "ERBB2", variantCategory: "Copy Number Variation", cnvCall: "Amplification"))

    func run(_ findings: [Finding], criterion: Criterion? = nil) -> TrialMatch {
        let trial = Fixtures.trial(
            criterion ?? amplification, arms: [], eligibility: Eligibility(), status: .recruiting)
        let record = Fixtures.makeCase(code: "BRCA", findings: findings)
        return MatchEngine(trials: [trial]).explain(record, trialId: trial.id, on: day, at: Fixtures.now)!
    }

    func her2(_ name: String, status: String?, score: String? = nil) -> Finding {
        var b = Biomarker(kind: .other, name: name, status: status)
        b.score = score
        return Finding(id: "B-\(name)-\(status ?? "")-\(score ?? "")", kind: .biomarker, gene: nil, biomarker: b)
    }

    /// A HER2 result whose assay is kept apart from its name (FHIR LOINC 85318-4 "… by FISH": name "HER2", method
    /// "FISH") measured the gene; the same by IHC did not (new-user run 5, #4).
    @Test func theAssayKeptBesideTheNameDecides() {
        var fish = her2("HER2", status: "Positive")
        fish.biomarker?.method = "FISH"
        #expect(verdict(run([fish])) == .met, "\(run([fish]).outcomes)")
        var ihc = her2("HER2", status: "Positive")
        ihc.biomarker?.method = "IHC"
        #expect(verdict(run([ihc])) == .unknown)
    }

    func verdict(_ m: TrialMatch) -> Outcome? {
        m.outcomes.first { $0.criterion.contains("ERBB2") }?.outcome
    }

    @Test(
        arguments: [
            ("HER2 FISH", "amplified", nil), ("ERBB2 ISH", "positive", nil),
            ("HER2 (ISH, HER2/CEP17 ratio)", "amplified (mean HER2 6.8 copies/cell)", nil),
            ("HER2", "amplified", nil),
        ] as [(String, String, String?)])
    func geneAmplifiedMeetsIt(_ name: String, _ status: String, _ score: String?) {
        let m = run([her2(name, status: status, score: score)])
        #expect(verdict(m) == .met, "\(m.outcomes)")
        #expect(m.status == .eligible)
        #expect(m.outcomes.contains { $0.detail.contains(name) }, "the explanation names the test: \(m.outcomes)")
    }

    /// IHC 3+ (or a "positive" that names no method) is HER2-positive by protein overexpression: a criterion for the
    /// gene stays open, explained with the method, and a HER2-positive criterion is met.
    @Test(
        arguments: [
            ("HER2 IHC", "positive", "3+"), ("HER2", "3+ (Positive)", nil), ("HER2 (IHC)", "positive (3+)", nil),
            ("HER2", "positive", nil), ("HER2 IHC", "3+ (amplified)", nil), ("HER2", "amplified", "3+"),
        ] as [(String, String, String?)])
    func proteinOverexpressionLeavesItOpen(_ name: String, _ status: String, _ score: String?) {
        let m = run([her2(name, status: status, score: score)])
        #expect(verdict(m) == .unknown, "\(m.outcomes)")
        #expect(m.status == .possiblyEligible)
        let line = m.outcomes.first { $0.criterion.contains("ERBB2") }
        #expect(line?.detail.contains(name) == true, "the explanation names the test: \(m.outcomes)")
        #expect(line?.detail.contains("ISH or NGS copy number would settle it") == true, "\(m.outcomes)")
        let positive = run(
            [her2(name, status: status, score: score)], criterion: .clinical(ClinicalCriterion(her2Status: "Positive")))
        #expect(positive.status == .eligible, "\(positive.outcomes)")
    }

    @Test(
        arguments: [
            ("HER2 IHC", "equivocal", "2+"), ("HER2 IHC", "negative", "1+"), ("HER2 IHC", "negative", "0"),
            ("HER2 FISH", "not amplified", nil),
        ] as [(String, String, String?)])
    func equivocalOrNegativeTestsLeaveItOpen(_ name: String, _ status: String, _ score: String?) {
        let m = run([her2(name, status: status, score: score)])
        #expect(verdict(m) == .unknown, "\(m.outcomes)")
        #expect(m.status != .eligible)
    }

    /// Builds between rules version 2 and the HER2 reading stored matches as "m2-…" that never credited a HER2 test:
    /// such a match must read as stale now, not as current.
    @Test func matchesStoredBeforeTheHER2ReadingAreStale() {
        let m = run([her2("HER2 FISH", status: "amplified")])
        #expect(!m.dataFingerprint.hasPrefix("m2-"), "\(m.dataFingerprint)")
    }

    @Test func noTestIsNotNegative() {
        let m = run([])
        #expect(verdict(m) == .unknown && m.status == .possiblyEligible)
    }
}
