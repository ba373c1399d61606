import BoardModel
import Foundation

/// One precedent as the index holds it (`precedent` table): enough to rank it without reading any record body.
struct PrecedentCandidate: Sendable {
    var caseId: String
    var institution: String?
    var patientId: String?
    var code: String?
    var stage: String?
    var priorLines: Int?
    var decisionId: String
    var decidedAt: Double?
}

/// The precedent candidates of one case, gathered from a store's index (by tissue and by gene) and ranked: each is
/// scored with `SimilarityScorer` (every distinct code, stage and alteration worked out once), only the best `limit`
/// are kept by a bounded selection (no sort of thousands), and only those get their full `Similarity`. Either
/// backend fills it with its own SQL; the rules are here once.
struct PrecedentRanking {
    private var scorer: SimilarityScorer
    private let patientId: String?
    private var candidates: [PrecedentCandidate] = []
    /// Each candidate's distinct alterations, as indexes into `alterations`.
    private var alterationsOf: [[Int]] = []
    private var position: [String: Int] = [:]
    /// Distinct alterations as read (gene, class, change as stored) → index into `alterations`.
    private var readAs: [StoredAlteration: Int] = [:]
    private var indexOf: [Alteration: Int] = [:]
    private var alterations: [Alteration] = []
    private var kinships: [AlterationKinship] = []

    /// An alteration key as a store holds it: the change is not yet in comparable form.
    struct StoredAlteration: Hashable {
        var gene: String
        var kind: String
        var change: String?
    }

    init(target: PrecedentProfile, patientId: String?, tree: OncoTree) {
        self.scorer = SimilarityScorer(target: target, tree: tree)
        self.patientId = patientId
    }

    /// A candidate found by tissue or gene (the same case again is ignored); never the target itself nor a case of
    /// the target's patient.
    mutating func add(_ candidate: PrecedentCandidate) {
        _ = slot(candidate)
    }

    /// A candidate found by a shared gene, with that alteration (class and change as the store holds them).
    mutating func add(_ candidate: PrecedentCandidate, gene: String, kind: String, change: String?) {
        guard let slot = slot(candidate), let id = alteration(StoredAlteration(gene: gene, kind: kind, change: change))
        else { return }
        if !alterationsOf[slot].contains(id) { alterationsOf[slot].append(id) }
    }

    /// A candidate found by a shared gene, with that alteration already in comparable form (`Alteration(finding)`).
    mutating func add(_ candidate: PrecedentCandidate, alteration: Alteration) {
        guard let slot = slot(candidate) else { return }
        let id = index(of: alteration)
        if !alterationsOf[slot].contains(id) { alterationsOf[slot].append(id) }
    }

    private mutating func slot(_ candidate: PrecedentCandidate) -> Int? {
        if let known = position[candidate.caseId] { return known }
        guard candidate.caseId != scorer.target.caseId,
            candidate.patientId == nil || candidate.patientId != patientId
        else { return nil }
        position[candidate.caseId] = candidates.count
        candidates.append(candidate)
        alterationsOf.append([])
        return candidates.count - 1
    }

    /// The alteration's index, its comparable form and kinship worked out the first time it is read.
    private mutating func alteration(_ stored: StoredAlteration) -> Int? {
        if let known = readAs[stored] { return known }
        guard let kind = AlterationClass(rawValue: stored.kind) else { return nil }
        let value = Alteration(
            gene: stored.gene, alterationClass: kind, change: Alteration.comparable(change: stored.change, of: kind))
        let id = index(of: value)
        readAs[stored] = id
        return id
    }

    private mutating func index(of value: Alteration) -> Int {
        if let known = indexOf[value] { return known }
        indexOf[value] = alterations.count
        alterations.append(value)
        kinships.append(scorer.kinship(value))
        return alterations.count - 1
    }

    /// The best `limit` precedents, best first (score, then the later decision, then the case id), each with its
    /// `Similarity`, and how many candidates are precedents at all.
    mutating func ranked(limit: Int) -> (kept: [(row: PrecedentCandidate, similarity: Similarity)], compared: Int) {
        let kinships = self.kinships
        var scored: [(score: Int, index: Int)] = []
        scored.reserveCapacity(candidates.count)
        for index in candidates.indices {
            let c = candidates[index]
            if let score = scorer.score(
                code: c.code, stageGroup: c.stage, priorLines: c.priorLines,
                alterations: alterationsOf[index].lazy.map { kinships[$0] })
            {
                scored.append((score, index))
            }
        }
        let kept = best(max(0, limit), of: scored).map { entry -> (row: PrecedentCandidate, similarity: Similarity) in
            let c = candidates[entry.index]
            let profile = PrecedentProfile(
                caseId: c.caseId, institution: c.institution, oncotreeCode: c.code, stageGroup: c.stage,
                priorLines: c.priorLines, alterations: alterationsOf[entry.index].map { alterations[$0] })
            return (c, Similarity.of(profile, to: scorer.target, tree: scorer.tree))
        }
        return (kept, scored.count)
    }

    /// The first `keep` of `scored` in ranking order: a bounded insertion when few are kept of many (one comparison
    /// for most candidates), a sort otherwise.
    private func best(_ keep: Int, of scored: [(score: Int, index: Int)]) -> [(score: Int, index: Int)] {
        guard keep * 8 < scored.count else { return Array(scored.sorted(by: precedes).prefix(keep)) }
        var best: [(score: Int, index: Int)] = []
        best.reserveCapacity(keep + 1)
        for entry in scored {
            if best.count == keep, let worst = best.last, !precedes(entry, worst) { continue }
            best.insert(entry, at: best.firstIndex { precedes(entry, $0) } ?? best.count)
            if best.count > keep { best.removeLast() }
        }
        return best
    }

    /// Ranking order: higher score, then the later decision, then the lower case id.
    private func precedes(_ a: (score: Int, index: Int), _ b: (score: Int, index: Int)) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let (x, y) = (candidates[a.index], candidates[b.index])
        let (s, t) = (x.decidedAt ?? 0, y.decidedAt ?? 0)
        if s != t { return s > t }
        return x.caseId < y.caseId
    }
}

extension PrecedentCandidate {
    /// A kept candidate of this board as shown: its signed decision, the case's diagnosis in words, and the
    /// outcomes (standing ones) from the decision on, in days after it.
    func precedent(similarity: Similarity, decision: Decision, diagnosis: String, outcomes: [CaseOutcome]) -> Precedent
    {
        let decided = decidedAt.map(Date.init(timeIntervalSince1970:))
        let origin = LocalDate(decided ?? decision.recordedAt)
        return Precedent(
            caseId: caseId, institution: nil, diagnosis: diagnosis, oncotreeCode: code, stageGroup: stage,
            priorLines: priorLines, similarity: similarity, decisionId: decision.id,
            recommendations: decision.recommendations, signedBy: decision.signedBy, decidedAt: decided,
            outcomes: outcomes.filter { $0.date >= origin }.map { TimedOutcome($0, origin: origin) },
            daysFrom: "decision")
    }

    /// A partner board's precedent from its de-identified record.
    func precedent(similarity: Similarity, external record: ExternalPrecedent) -> Precedent {
        Precedent(
            caseId: caseId, label: record.id, institution: institution, diagnosis: record.diagnosis,
            oncotreeCode: record.oncotreeCode, stageGroup: record.stageGroup, priorLines: record.priorLines,
            similarity: similarity, decisionId: nil, recommendations: record.recommendations, signedBy: nil,
            decidedAt: nil, decisionDay: record.decisionDay, outcomes: record.outcomes, daysFrom: record.daysFrom)
    }
}
