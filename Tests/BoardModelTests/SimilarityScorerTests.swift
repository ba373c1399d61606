import BoardModel
import TestSupport
import Testing

/// `SimilarityScorer` (the store's fast path) against `Similarity.of` (the rule) on profiles drawn from small pools,
/// so that same and related codes, stages written differently, and shared, equal and repeated alterations all occur.
@Suite("Similarity scorer")
struct SimilarityScorerTests {
    static let codes: [String?] = [nil, "IHCH", "ihch", "EHCH", "CHOL", "GBC", "LUAD", "LUSC", "PAAD", "NOT-A-CODE"]
    static let stages: [String?] = [nil, "", " ", "IV", "IVA", "ivb", "III", "IIIA", "II", "I"]
    static let alterations: [Alteration] = [
        Alteration(gene: "FGFR2", alterationClass: .fusion, change: "FGFR2::BICC1"),
        Alteration(gene: "FGFR2", alterationClass: .fusion, change: "FGFR2::AHCYL1"),
        Alteration(gene: "fgfr2", alterationClass: .amplification, change: "Amplification"),
        Alteration(gene: "KRAS", alterationClass: .mutation, change: "G12D"),
        Alteration(gene: "KRAS", alterationClass: .mutation, change: "G12C"),
        Alteration(gene: "KRAS", alterationClass: .mutation, change: nil),
        Alteration(gene: "IDH1", alterationClass: .mutation, change: "R132C"),
        Alteration(gene: "EGFR", alterationClass: .rearrangement),
    ]

    static func profile(_ id: String, _ draw: inout SeededDraw) -> PrecedentProfile {
        var seen = Set<Alteration>()
        let picked = (0..<draw.index(4)).map { _ in alterations[draw.index(alterations.count)] }
        return PrecedentProfile(
            caseId: id, oncotreeCode: codes[draw.index(codes.count)], stageGroup: stages[draw.index(stages.count)],
            priorLines: [nil, 0, 1, 2][draw.index(4)], alterations: picked.filter { seen.insert($0).inserted })
    }

    @Test func scoresAsSimilarityDoes() {
        var draw = SeededDraw(state: 17)
        var precedents = 0
        for t in 0..<60 {
            let target = Self.profile("T\(t)", &draw)
            var scorer = SimilarityScorer(target: target)
            for c in 0..<80 {
                let candidate = Self.profile("C\(c)", &draw)
                let rule = Similarity.of(candidate, to: target)
                let fast = scorer.score(
                    code: candidate.oncotreeCode, stageGroup: candidate.stageGroup, priorLines: candidate.priorLines,
                    alterations: candidate.alterations.map { scorer.kinship($0) })
                #expect(fast == (rule.isPrecedent ? rule.score : nil), "\(target) vs \(candidate)")
                precedents += rule.isPrecedent ? 1 : 0
            }
        }
        // Both branches were exercised.
        #expect(precedents > 500 && precedents < 4_800)
    }
}
