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
    /// Every distinct leaf of every trial, by id.
    let leaves: [Leaf]
    let plan: Plan

    public init(trials: [Trial], oncoTree: OncoTree = .bundled) {
        var compiler = CriterionCompiler(genes: GeneTable(), tree: oncoTree)
        var compiled: [CompiledTrial] = []
        compiled.reserveCapacity(trials.count)
        for trial in trials { compiled.append(CompiledTrial(trial, compiler: &compiler)) }
        self.trials = trials
        self.compiled = compiled
        self.genes = compiler.genes
        self.leaves = compiler.leaves
        self.plan = Plan(compiled)
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
        let workers = min(cases.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 0 else { return [] }
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Each worker explains from its own compiled copy: threads sharing the same leaves and labels
                // would contend on their reference counts for every explanation built.
                let engine = worker == 0 || cases.count < 64 ? self : MatchEngine(trials: trials, oncoTree: tree)
                var i = worker
                while i < cases.count {
                    out[i] = engine.match(cases[i], on: day, at: now, selection: selection)
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
        var match: TrialMatch?
        decideAll(index, only: i) { _, d, run in match = materialize(compiled[i], index, d, run, at: now) }
        return match
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
                    decideAll(index) { _, d, _ in
                        switch d.status {
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
        decideAll(index) { i, decision, run in
            switch selection {
            case .all: break
            case .relevant: if decision.status == .notEligible && !decision.relevant { return }
            case .candidates: if decision.status == .notEligible { return }
            }
            out.append(materialize(compiled[i], index, decision, run, at: now))
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

    /// Decides every trial (or only one) for a case, reading the flat plan through unsafe buffers.
    func decideAll(_ index: CaseIndex, only: Int? = nil, _ body: (Int, Decision, PlanRun) -> Void) {
        var verdicts = [Verdict](repeating: Verdict(outcome: .unknown, reason: .noData), count: leaves.count)
        var known = [Bool](repeating: false, count: leaves.count)
        var stack = [(Outcome, Tally)](repeating: (.met, Tally()), count: plan.longestSegment + 1)
        plan.code.withUnsafeBufferPointer { code in
        leaves.withUnsafeBufferPointer { leaves in
        verdicts.withUnsafeMutableBufferPointer { verdicts in
        known.withUnsafeMutableBufferPointer { known in
        stack.withUnsafeMutableBufferPointer { stack in
        plan.entries.withUnsafeBufferPointer { entries in
        plan.arms.withUnsafeBufferPointer { arms in
            let run = PlanRun(code: code, leaves: leaves, verdicts: verdicts, known: known, stack: stack)
            if let only {
                body(only, decide(entries[only], arms, run, index), run)
            } else {
                for i in 0..<entries.count { body(i, decide(entries[i], arms, run, index), run) }
            }
        } } } } } } }
    }

    func decide(_ t: Plan.Entry, _ arms: UnsafeBufferPointer<Plan.Segment>, _ run: PlanRun, _ index: CaseIndex) -> Decision {
        let (baseOutcome, baseTally) = run.run(t.base, index)
        if !t.hasArms {
            let status = Self.status(baseOutcome)
            return Decision(status: status, score: score(status, baseTally, t.recruitmentBonus), arm: nil, relevant: baseTally.isRelevant, noOpenArm: false)
        }
        if t.armCount == 0 {
            return Decision(status: .notEligible, score: score(.notEligible, baseTally, t.recruitmentBonus), arm: nil,
                            relevant: baseTally.isRelevant, noOpenArm: true)
        }
        var best = Decision(status: .notEligible, score: -1, arm: nil, relevant: false, noOpenArm: false)
        var relevant = baseTally.isRelevant
        for i in 0..<Int(t.armCount) {
            var outcome = baseOutcome
            var tally = baseTally
            let segment = arms[Int(t.armStart) + i]
            if segment.count > 0 {
                let (o, armTally) = run.run(segment, index)
                tally.merge(armTally)
                if o == .notMet || outcome == .notMet { outcome = .notMet } else if o == .unknown { outcome = .unknown }
            }
            relevant = relevant || tally.isRelevant
            let status = Self.status(outcome)
            let rc = Self.rank(status), rb = Self.rank(best.status)
            if best.arm == nil || rc < rb || (rc == rb && score(status, tally, t.recruitmentBonus) > best.score) {
                best = Decision(status: status, score: score(status, tally, t.recruitmentBonus), arm: i, relevant: false, noOpenArm: false)
            }
        }
        best.relevant = relevant
        return best
    }

    /// Ranks trials: the status first, then a genomic match on an actionable alteration (more for
    /// stronger evidence) above a diagnosis-only match, recruiting above closed, fewer unknowns first.
    func score(_ status: MatchStatus, _ tally: Tally, _ recruitmentBonus: Double) -> Double {
        var s: Double
        switch status {
        case .eligible: s = 100
        case .possiblyEligible: s = 60
        case .notEligible: s = 0
        }
        if tally.actionableMet > 0 {
            s += 40 + Double(5 - min(Int(tally.bestTier), 5)) * 5 + Double(min(Int(tally.actionableMet), 3) - 1) * 3
        } else if tally.genomicMet > 0 {
            s += 15
        } else if tally.textGenomicMet > 0 {
            s += 20
        }
        if tally.specificDiagnosis { s += 10 } else if tally.solidDiagnosis { s += 3 }
        s += recruitmentBonus
        s -= Double(min(Int(tally.unknowns), 10)) * 4
        return max(0, s)
    }

    func materialize(_ t: CompiledTrial, _ c: CaseIndex, _ d: Decision, _ run: PlanRun, at now: Date) -> TrialMatch {
        var outcomes: [CriterionOutcome] = []
        outcomes.reserveCapacity(8)
        Evaluator.explain(t.base, c, run, into: &outcomes)
        var armId: String?
        if let i = d.arm {
            let arm = t.arms[i]
            armId = arm.id
            if let node = arm.node { Evaluator.explain(node, c, run, into: &outcomes) }
            for (j, other) in t.arms.enumerated() where j != i && d.status != .notEligible {
                var o = Outcome.met
                if let node = other.node { o = Evaluator.outcome(node, c, run) }
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
                          computedAt: now, dataFingerprint: c.fingerprintPrefix + t.fingerprint)
    }
}
