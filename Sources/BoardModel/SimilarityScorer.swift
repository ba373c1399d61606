/// Scores many earlier cases against one case exactly as `Similarity.of(_:to:tree:).score` would, with the work
/// on each distinct value done once: the OncoTree kinship per diagnosis code, the stage comparison per stage group
/// and the best kinship per alteration. A store ranks thousands of candidates per case (precedents on a 100,000-case
/// board) and builds the full `Similarity`, with its words, only for the few it keeps.
public struct SimilarityScorer {
    public let target: PrecedentProfile
    public let tree: OncoTree
    private let targetStage: String?
    private var diagnosisByCode: [String: DiagnosisKinship] = [:]
    private var sameStageByGroup: [String: Bool] = [:]
    private var kinshipByAlteration: [Alteration: AlterationKinship] = [:]

    public init(target: PrecedentProfile, tree: OncoTree = .bundled) {
        self.target = target
        self.tree = tree
        self.targetStage = Stage.comparable(target.stageGroup)
    }

    /// The candidate diagnosis's kinship with the target's (`DiagnosisKinship.of`).
    public mutating func diagnosis(_ code: String?) -> DiagnosisKinship {
        guard let code else { return .unrelated }
        if let known = diagnosisByCode[code] { return known }
        let kinship = DiagnosisKinship.of(target.oncotreeCode, code, in: tree)
        diagnosisByCode[code] = kinship
        return kinship
    }

    /// Whether the candidate's stage group is the target's at the compared level (`Stage.comparable`).
    public mutating func sameStage(_ group: String?) -> Bool {
        guard let group, let targetStage else { return false }
        if let known = sameStageByGroup[group] { return known }
        let same = Stage.comparable(group) == targetStage
        sameStageByGroup[group] = same
        return same
    }

    /// The closest kinship of a candidate's alteration with any of the target's (`unrelated` when none).
    public mutating func kinship(_ alteration: Alteration) -> AlterationKinship {
        if let known = kinshipByAlteration[alteration] { return known }
        let best = target.alterations.map { AlterationKinship.of($0, alteration) }.max() ?? .unrelated
        kinshipByAlteration[alteration] = best
        return best
    }

    /// The candidate's score, or nil when it is no precedent (`Similarity.isPrecedent`). `alterations` are the
    /// candidate's distinct alterations' kinships (from `kinship(_:)`).
    public mutating func score(
        code: String?, stageGroup: String?, priorLines: Int?, alterations: some Sequence<AlterationKinship>
    ) -> Int? {
        var best = AlterationKinship.unrelated
        var shared = 0
        for kinship in alterations where kinship != .unrelated {
            shared += 1
            best = max(best, kinship)
        }
        let kinship = diagnosis(code)
        guard kinship != .unrelated || shared > 0 else { return nil }
        return Similarity.points(
            diagnosis: kinship, best: shared > 0 ? best : nil, sharedCount: shared, sameStage: sameStage(stageGroup),
            sameLine: priorLines != nil && priorLines == target.priorLines)
    }
}
