import Foundation
import Dispatch
import BoardModel

/// Which matches to return for a case.
public enum MatchSelection: Sendable {
    /// Every trial, explained.
    case all
    /// Eligible and possibly eligible, plus near misses: not eligible although the patient's tumour
    /// type (not just "any solid tumour") or one of the patient's alterations was hit. What the board
    /// wants to see, and what the store keeps.
    case relevant
    /// Eligible and possibly eligible only.
    case candidates
}

/// Evaluates trials against cases, criterion by criterion, with an explanation of each verdict.
///
/// Build one engine per set of trials (it compiles every trial once: CTML trees, structured fields and
/// what the free text names), then call `match` for one case or `matchAll` for many (in parallel).
/// Each result is a `TrialMatch` for the trial's best open arm: per criterion met / not met / unknown
/// with the case data that decided it, an overall status and a score that ranks trials.
public struct MatchEngine: Sendable {
    public let trials: [Trial]
    let compiled: [CompiledTrial]
    let genes: GeneTable
    let tree: OncoTree
    let byId: [String: Int]

    public init(trials: [Trial], oncoTree: OncoTree = .bundled) {
        var compiler = CriterionCompiler(genes: GeneTable(), tree: oncoTree)
        var compiled: [CompiledTrial] = []
        compiled.reserveCapacity(trials.count)
        for trial in trials { compiled.append(CompiledTrial(trial, compiler: &compiler)) }
        self.trials = trials
        self.compiled = compiled
        self.genes = compiler.genes
        self.tree = oncoTree
        var byId: [String: Int] = [:]
        for (i, t) in trials.enumerated() { byId[t.id] = i }
        self.byId = byId
    }

    /// One case against all trials, ordered eligible, possibly eligible, not eligible, then by score.
    /// `day` fixes the patient's age; `now` is recorded as the time of computation.
    public func match(_ record: Case, on day: LocalDate, at now: Date = Date(), selection: MatchSelection = .relevant) -> [TrialMatch] {
        let index = CaseIndex(record, on: day, genes: genes, tree: tree)
        return match(index, at: now, selection: selection)
    }

    /// Many cases against all trials, in parallel over cases; results in the order of `cases`.
    public func matchAll(_ cases: [Case], on day: LocalDate, at now: Date = Date(), selection: MatchSelection = .relevant) -> [[TrialMatch]] {
        var results = [[TrialMatch]](repeating: [], count: cases.count)
        let workers = min(cases.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        guard workers > 0 else { return [] }
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < cases.count {
                    out[i] = match(cases[i], on: day, at: now, selection: selection)
                    i += workers
                }
            }
        }
        return results
    }

    /// One case against one trial, fully explained (whatever the selection would say); nil for an unknown trial id.
    public func explain(_ record: Case, trialId: String, on day: LocalDate, at now: Date = Date()) -> TrialMatch? {
        guard let i = byId[trialId] else { return nil }
        let index = CaseIndex(record, on: day, genes: genes, tree: tree)
        let t = compiled[i]
        return materialize(t, index, decide(t, index), at: now)
    }

    /// Counts of each status over all pairs, without building explanations (for benchmarks and summaries).
    public func census(_ cases: [Case], on day: LocalDate) -> [MatchStatus: Int] {
        let workers = min(cases.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        guard workers > 0 else { return [:] }
        var counts = [[Int]](repeating: [0, 0, 0], count: workers)
        counts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var local = [0, 0, 0]
                var i = worker
                while i < cases.count {
                    let index = CaseIndex(cases[i], on: day, genes: genes, tree: tree)
                    for t in compiled {
                        switch decide(t, index).status {
                        case .eligible: local[0] += 1
                        case .possiblyEligible: local[1] += 1
                        case .notEligible: local[2] += 1
                        }
                    }
                    i += workers
                }
                out[worker] = local
            }
        }
        return [.eligible: counts.reduce(0) { $0 + $1[0] }, .possiblyEligible: counts.reduce(0) { $0 + $1[1] },
                .notEligible: counts.reduce(0) { $0 + $1[2] }]
    }

    // MARK: Evaluation

    func match(_ index: CaseIndex, at now: Date, selection: MatchSelection) -> [TrialMatch] {
        var out: [TrialMatch] = []
        for t in compiled {
            let decision = decide(t, index)
            switch selection {
            case .all: break
            case .relevant: if decision.status == .notEligible && !decision.relevant { continue }
            case .candidates: if decision.status == .notEligible { continue }
            }
            out.append(materialize(t, index, decision, at: now))
        }
        out.sort { a, b in
            let ra = Self.rank(a.status), rb = Self.rank(b.status)
            if ra != rb { return ra < rb }
            if a.score != b.score { return a.score > b.score }
            return a.trialId < b.trialId
        }
        return out
    }

    static func rank(_ status: MatchStatus) -> Int {
        switch status {
        case .eligible: 0
        case .possiblyEligible: 1
        case .notEligible: 2
        }
    }

    struct Decision {
        var status: MatchStatus
        var score: Double
        /// Index into the compiled trial's open arms; nil when the trial has no arms or none is open.
        var arm: Int?
        var relevant: Bool
        var noOpenArm: Bool
    }

    static func status(_ outcome: Outcome) -> MatchStatus {
        switch outcome {
        case .met: .eligible
        case .unknown: .possiblyEligible
        case .notMet: .notEligible
        }
    }

    func decide(_ t: CompiledTrial, _ c: CaseIndex) -> Decision {
        let (baseOutcome, baseTally) = Evaluator.evaluate(t.base, c)
        if !t.hasArms {
            let status = Self.status(baseOutcome)
            return Decision(status: status, score: score(status, baseTally, t), arm: nil, relevant: baseTally.isRelevant, noOpenArm: false)
        }
        if t.arms.isEmpty {
            return Decision(status: .notEligible, score: score(.notEligible, baseTally, t), arm: nil, relevant: baseTally.isRelevant, noOpenArm: true)
        }
        var best: Decision?
        var relevant = baseTally.isRelevant
        for i in t.arms.indices {
            var outcome = baseOutcome
            var tally = baseTally
            if let node = t.arms[i].node {
                let (o, armTally) = Evaluator.evaluate(node, c)
                tally.merge(armTally)
                if o == .notMet || outcome == .notMet { outcome = .notMet } else if o == .unknown { outcome = .unknown }
            }
            relevant = relevant || tally.isRelevant
            let status = Self.status(outcome)
            let candidate = Decision(status: status, score: score(status, tally, t), arm: i, relevant: false, noOpenArm: false)
            if let b = best {
                let rc = Self.rank(candidate.status), rb = Self.rank(b.status)
                if rc < rb || (rc == rb && candidate.score > b.score) { best = candidate }
            } else {
                best = candidate
            }
        }
        best!.relevant = relevant
        return best!
    }

    /// Ranks trials: the status first, then a genomic match on an actionable alteration (more for
    /// stronger evidence) above a diagnosis-only match, recruiting above closed, fewer unknowns first.
    func score(_ status: MatchStatus, _ tally: Tally, _ t: CompiledTrial) -> Double {
        var s: Double
        switch status {
        case .eligible: s = 100
        case .possiblyEligible: s = 60
        case .notEligible: s = 0
        }
        if tally.actionableMet > 0 {
            s += 40 + Double(5 - min(tally.bestTier, 5)) * 5 + Double(min(tally.actionableMet, 3) - 1) * 3
        } else if tally.genomicMet > 0 {
            s += 15
        } else if tally.textGenomicMet > 0 {
            s += 20
        }
        if tally.specificDiagnosis { s += 10 } else if tally.solidDiagnosis { s += 3 }
        s += t.recruitmentBonus
        s -= Double(min(tally.unknowns, 10)) * 4
        return max(0, s)
    }

    func materialize(_ t: CompiledTrial, _ c: CaseIndex, _ d: Decision, at now: Date) -> TrialMatch {
        var outcomes: [CriterionOutcome] = []
        outcomes.reserveCapacity(8)
        Evaluator.explain(t.base, c, into: &outcomes)
        var armId: String?
        if let i = d.arm {
            let arm = t.arms[i]
            armId = arm.id
            if let node = arm.node { Evaluator.explain(node, c, into: &outcomes) }
            for (j, other) in t.arms.enumerated() where j != i && d.status != .notEligible {
                var o = Outcome.met
                if let node = other.node { o = Evaluator.evaluate(node, c).0 }
                let detail: String
                switch o {
                case .met: detail = "open; also fits"
                case .unknown: detail = "open; may also fit"
                case .notMet: detail = "open; its own criteria are not met"
                }
                outcomes.append(CriterionOutcome(criterion: other.title, outcome: o, detail: detail))
            }
        } else if d.noOpenArm {
            outcomes.append(CriterionOutcome(criterion: "open arm", outcome: .notMet, detail: "every arm is closed to accrual"))
        }
        outcomes += t.closedArmLines
        return TrialMatch(caseId: c.caseId, trialId: t.trialId, armId: armId, outcomes: outcomes, status: d.status, score: d.score,
                          computedAt: now, dataFingerprint: MatchFingerprint.combine(case: c.fingerprint, trial: t.fingerprint))
    }
}
