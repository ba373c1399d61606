import BoardModel
import Foundation
import Testing

@testable import TrialMatching

/// HER2 tests as the ASCO/CAP HER2 guideline reads them, for a trial's "ERBB2 amplification" criterion: IHC 3+ or
/// ISH/FISH amplified is HER2-positive and meets it; IHC 2+ without ISH is equivocal and 0/1+ negative, and neither
/// settles a genomic criterion (the tumour's sequencing does); a missing test is never read as negative.
@Suite("HER2 tests as ERBB2 amplification")
struct HER2FactTests {
    let day = LocalDate(year: 2026, month: 12, day: 1)
    let amplification = Criterion.genomic(
        GenomicCriterion(hugoSymbol: "ERBB2", variantCategory: "Copy Number Variation", cnvCall: "Amplification"))

    func run(_ findings: [Finding]) -> TrialMatch {
        let trial = Fixtures.trial(amplification, arms: [], eligibility: Eligibility(), status: .recruiting)
        let record = Fixtures.makeCase(code: "BRCA", findings: findings)
        return MatchEngine(trials: [trial]).explain(record, trialId: trial.id, on: day, at: Fixtures.now)!
    }

    func her2(_ name: String, status: String?, score: String? = nil) -> Finding {
        var b = Biomarker(kind: .other, name: name, status: status)
        b.score = score
        return Finding(id: "B-\(name)-\(status ?? "")-\(score ?? "")", kind: .biomarker, gene: nil, biomarker: b)
    }

    func verdict(_ m: TrialMatch) -> Outcome? {
        m.outcomes.first { $0.criterion.contains("ERBB2") }?.outcome
    }

    @Test(
        arguments: [
            ("HER2 IHC", "positive", "3+"), ("HER2", "3+ (Positive)", nil), ("HER2 FISH", "amplified", nil),
            ("ERBB2 ISH", "positive", nil),
        ] as [(String, String, String?)])
    func positiveTestsMeetIt(_ name: String, _ status: String, _ score: String?) {
        let m = run([her2(name, status: status, score: score)])
        #expect(verdict(m) == .met, "\(m.outcomes)")
        #expect(m.status == .eligible)
        #expect(m.outcomes.contains { $0.detail.contains(name) }, "the explanation names the test: \(m.outcomes)")
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
