import BoardModel
import Dispatch
import Foundation

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
/// Each result is a `TrialMatch` for the trial's best arm (an open one before one that takes no patients, which
/// every arm is evaluated as all the same: the match says why it is not open): per criterion met / not met / unknown
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
    let explanation: ExplanationPlan

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
        self.explanation = ExplanationPlan(compiled, leaves: compiler.leaves)
        self.tree = oncoTree
        var byId: [String: Int] = [:]
        for (i, t) in trials.enumerated() { byId[t.id] = i }
        self.byId = byId
    }

    /// One case against all trials, ordered eligible and possibly eligible on open arms, then on arms not open,
    /// then not eligible; then by score.
    /// `day` fixes the patient's age; `now` is recorded as the time of computation.
    public func match(_ record: Case, on day: LocalDate, at now: Date = Date(), selection: MatchSelection = .relevant)
        -> [TrialMatch]
    {
        let index = CaseIndex(record, on: day, genes: genes, tree: tree)
        var explainer = Explainer(longestTree: explanation.longestTree)
        return match(index, at: now, selection: selection, explanation.texts, &explainer)
    }

    /// Many cases against all trials, in parallel over cases; results in the order of `cases`.
    public func matchAll(
        _ cases: [Case], on day: LocalDate, at now: Date = Date(), selection: MatchSelection = .relevant
    ) -> [[TrialMatch]] {
        matchAll(cases.map { CaseForMatching(record: $0, fingerprint: nil) }, on: day, at: now, selection: selection)
    }

    /// Many cases as these trials read them (`CaseForMatching`: a known fingerprint, only the findings the trials can
    /// look at), in parallel; results in the order of `cases`, the same as matching each whole record.
    public func matchAll(
        _ cases: [CaseForMatching], on day: LocalDate, at now: Date = Date(), selection: MatchSelection = .relevant
    ) -> [[TrialMatch]] {
        var results = [[TrialMatch]](repeating: [], count: cases.count)
        let workers = min(cases.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 0 else { return [] }
        // Cases are handed out a few at a time, so that a worker slowed down (by other work on the machine)
        // does not hold up the rest.
        let queue = WorkQueue(count: cases.count, chunk: 8)
        let dayText = "\(day)"
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Each worker explains with its own copy of the shared texts: threads sharing the same labels
                // would contend on their reference counts for every explanation built.
                let texts = cases.count < 64 ? explanation.texts : explanation.texts.deepCopy()
                var explainer = Explainer(longestTree: explanation.longestTree)
                while let range = queue.next() {
                    for i in range {
                        let index = CaseIndex(
                            cases[i].record, on: day, dayText: dayText, genes: genes, tree: tree,
                            fingerprint: cases[i].fingerprint)
                        out[i] = match(index, at: now, selection: selection, texts, &explainer)
                    }
                }
            }
        }
        return results
    }

    /// One case against one trial, fully explained (whatever the selection would say); nil for an unknown trial id.
    public func explain(_ record: Case, trialId: String, on day: LocalDate, at now: Date = Date()) -> TrialMatch? {
        guard let i = byId[trialId] else { return nil }
        let index = CaseIndex(record, on: day, genes: genes, tree: tree)
        var explainer = Explainer(longestTree: explanation.longestTree)
        var match: TrialMatch?
        decideAll(index, only: i) { _, d, run in
            match = withView(explanation.texts) { v in
                materialize(
                    trial: i, case: index, decision: d, run: run, view: v, explainer: &explainer, at: now)
            }
        }
        return match
    }

    /// One case against every trial and every arm (open or not), each arm its own match explained in full (the
    /// trial's criteria and the arm's own), in ranking order. What a screener reads when every arm matters
    /// (umbrella and basket trials): no arm is summarised as "also fits" without its criteria.
    public func matchEveryArm(_ record: Case, on day: LocalDate, at now: Date = Date()) -> [TrialMatch] {
        let index = CaseIndex(record, on: day, genes: genes, tree: tree)
        var x = Explainer(longestTree: explanation.longestTree)
        x.newCase()
        var out: [TrialMatch] = []
        decideAll(index) { i, d, run in
            withView(explanation.texts) { v in
                let t = v.entries[i]
                guard t.hasArms, t.armCount > 0 else {
                    out.append(
                        materialize(
                            trial: i, case: index, decision: d, run: run, view: v, explainer: &x, at: now))
                    return
                }
                let (baseOutcome, baseTally) = t.base.count > 0 ? run.result(t.base, index) : (Outcome.met, Tally())
                for a in 0..<Int(t.armCount) {
                    var outcome = baseOutcome
                    var tally = baseTally
                    let segment = v.segments[Int(t.armStart) + a]
                    if segment.count > 0 {
                        let (o, armTally) = run.result(segment, index)
                        tally.merge(armTally)
                        if o == .notMet || outcome == .notMet {
                            outcome = .notMet
                        } else if o == .unknown {
                            outcome = .unknown
                        }
                    }
                    let status = Self.status(outcome)
                    let armDecision = Decision(
                        status: status, score: score(status, tally, t.recruitmentBonus), arm: a,
                        relevant: tally.isRelevant, open: segment.open)
                    let (armId, outcomes) = explain(
                        trial: i, case: index, decision: armDecision, run: run, view: v, explainer: &x,
                        otherArms: false)
                    out.append(
                        TrialMatch(
                            caseId: index.caseId, trialId: v.trialIds[i], armId: armId, outcomes: outcomes,
                            status: status, score: armDecision.score, computedAt: now,
                            dataFingerprint: Self.concatenate(index.fingerprintPrefix, v.trialFingerprints[i]),
                            notOpen: explanation.armNotOpen[Int(t.armStart) + a]))
                }
            }
        }
        out.sort { a, b in
            let (ra, rb) = (Self.order(a.status, open: a.notOpen == nil), Self.order(b.status, open: b.notOpen == nil))
            if ra != rb { return ra < rb }
            if a.score != b.score { return a.score > b.score }
            if a.trialId != b.trialId { return a.trialId < b.trialId }
            return (a.armId ?? "") < (b.armId ?? "")
        }
        return out
    }

    /// Counts of each status over all pairs, without building explanations (for benchmarks and summaries).
    public func census(_ cases: [Case], on day: LocalDate) -> [MatchStatus: Int] {
        let workers = min(cases.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        guard workers > 0 else { return [:] }
        var counts = [[Int]](repeating: [0, 0, 0], count: workers)
        let dayText = "\(day)"
        counts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var local = [0, 0, 0]
                var i = worker
                while i < cases.count {
                    let index = CaseIndex(cases[i], on: day, dayText: dayText, genes: genes, tree: tree)
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
        return [
            .eligible: counts.reduce(0) { $0 + $1[0] }, .possiblyEligible: counts.reduce(0) { $0 + $1[1] },
            .notEligible: counts.reduce(0) { $0 + $1[2] },
        ]
    }

    // MARK: Evaluation

    /// Decides every trial, then explains the selected ones in ranking order (eligible, possibly eligible,
    /// not eligible; then by score; then by trial id), each outcome list built at its exact size.
    func match(
        _ index: CaseIndex, at now: Date, selection: MatchSelection, _ texts: ExplanationPlan.Texts,
        _ x: inout Explainer
    ) -> [TrialMatch] {
        x.newCase()
        x.picks.removeAll(keepingCapacity: true)
        var out: [TrialMatch] = []
        let blank = TrialMatch(
            caseId: "", trialId: "", outcomes: [], status: .notEligible, score: 0, computedAt: now, dataFingerprint: "")
        withRun(index) { run in
            withView(texts) { v in
                for i in 0..<v.entries.count {
                    let d = decision(v.entries[i], v.segments, run, index)
                    switch selection {
                    case .all: break
                    case .relevant: if d.status == .notEligible && !d.relevant { continue }
                    case .candidates: if d.status == .notEligible { continue }
                    }
                    x.picks.append(
                        Explainer.Pick(
                            score: d.score, idRank: v.idRank[i], trial: Int32(i),
                            rank: UInt8(Self.order(d.status, open: d.open))))
                }
                x.picks.sort { a, b in
                    if a.rank != b.rank { return a.rank < b.rank }
                    if a.score != b.score { return a.score > b.score }
                    if a.idRank != b.idRank { return a.idRank < b.idRank }
                    return a.trial < b.trial
                }
                out = [TrialMatch](unsafeUninitializedCapacity: x.picks.count) { buffer, initialized in
                    for k in 0..<x.picks.count {
                        let i = Int(x.picks[k].trial)
                        let d = run.decisions[Int(v.entries[i].decisionClass)]
                        let (armId, outcomes) = explain(
                            trial: i, case: index, decision: d, run: run, view: v, explainer: &x)
                        // Fields assigned into a blank: moved, where the initializer would copy them.
                        let slot = buffer.baseAddress! + k
                        slot.initialize(to: blank)
                        slot.pointee.caseId = index.caseId
                        slot.pointee.trialId = v.trialIds[i]
                        slot.pointee.armId = armId
                        slot.pointee.outcomes = outcomes
                        slot.pointee.status = d.status
                        slot.pointee.score = d.score
                        slot.pointee.dataFingerprint = Self.concatenate(index.fingerprintPrefix, v.trialFingerprints[i])
                        slot.pointee.notOpen = notOpen(trial: i, arm: d.arm)
                        initialized = k + 1
                    }
                }
            }
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

    /// The ranking order of a verdict on an arm (`MatchStatus.rankingOrder`): open arms before those that take no
    /// patients.
    static func order(_ status: MatchStatus, open: Bool) -> Int { status.rankingOrder(open: open) }

    struct Decision {
        var status: MatchStatus
        var score: Double
        /// Index into the compiled trial's arms; nil when the trial has no arms.
        var arm: Int?
        var relevant: Bool
        /// Whether the chosen arm (or the trial, without arms) takes patients, or its state is unknown.
        var open: Bool
    }

    static func status(_ outcome: Outcome) -> MatchStatus {
        switch outcome {
        case .met: .eligible
        case .unknown: .possiblyEligible
        case .notMet: .notEligible
        }
    }

    /// Runs `body` with the case's leaf verdict cache and evaluation stack, over unsafe buffers.
    func withRun(_ index: CaseIndex, _ body: (PlanRun) -> Void) {
        var verdicts = [Verdict](repeating: Verdict(outcome: .unknown, reason: .noData), count: leaves.count)
        var known = [Bool](repeating: false, count: leaves.count)
        var stack = [(Outcome, Tally)](repeating: (.met, Tally()), count: plan.longestSegment + 1)
        var segments = [(Outcome, Tally)](repeating: (.met, Tally()), count: plan.segmentCount)
        var segmentKnown = [Bool](repeating: false, count: plan.segmentCount)
        var decisions = [Decision](
            repeating: Decision(status: .notEligible, score: 0, arm: nil, relevant: false, open: true),
            count: plan.decisionClassCount)
        var decisionKnown = [Bool](repeating: false, count: plan.decisionClassCount)
        plan.code.withUnsafeBufferPointer { code in
            leaves.withUnsafeBufferPointer { leaves in
                verdicts.withUnsafeMutableBufferPointer { verdicts in
                    known.withUnsafeMutableBufferPointer { known in
                        stack.withUnsafeMutableBufferPointer { stack in
                            segments.withUnsafeMutableBufferPointer { segments in
                                segmentKnown.withUnsafeMutableBufferPointer { segmentKnown in
                                    decisions.withUnsafeMutableBufferPointer { decisions in
                                        decisionKnown.withUnsafeMutableBufferPointer { decisionKnown in
                                            body(
                                                PlanRun(
                                                    code: code, leaves: leaves, verdicts: verdicts, known: known,
                                                    stack: stack, segments: segments,
                                                    segmentKnown: segmentKnown, decisions: decisions,
                                                    decisionKnown: decisionKnown))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Decides every trial (or only one) for a case, reading the flat plan through unsafe buffers.
    func decideAll(_ index: CaseIndex, only: Int? = nil, _ body: (Int, Decision, PlanRun) -> Void) {
        withRun(index) { run in
            plan.entries.withUnsafeBufferPointer { entries in
                plan.arms.withUnsafeBufferPointer { arms in
                    if let only {
                        body(only, decision(entries[only], arms, run, index), run)
                    } else {
                        for i in 0..<entries.count { body(i, decision(entries[i], arms, run, index), run) }
                    }
                }
            }
        }
    }

    /// The decision for a trial, made once per decision class and case.
    @inline(__always)
    func decision(_ t: Plan.Entry, _ arms: UnsafeBufferPointer<Plan.Segment>, _ run: PlanRun, _ index: CaseIndex)
        -> Decision
    {
        let k = Int(t.decisionClass)
        if run.decisionKnown[k] { return run.decisions[k] }
        let d = decide(t, arms, run, index)
        run.decisions[k] = d
        run.decisionKnown[k] = true
        return d
    }

    func decide(_ t: Plan.Entry, _ arms: UnsafeBufferPointer<Plan.Segment>, _ run: PlanRun, _ index: CaseIndex)
        -> Decision
    {
        let (baseOutcome, baseTally) = t.base.count > 0 ? run.result(t.base, index) : (Outcome.met, Tally())
        if !t.hasArms || t.armCount == 0 {
            let status = Self.status(baseOutcome)
            return Decision(
                status: status, score: score(status, baseTally, t.recruitmentBonus), arm: nil,
                relevant: baseTally.isRelevant, open: t.open)
        }
        // The best arm: an open arm the case fits before one that takes no patients, then by score.
        var best = Decision(status: .notEligible, score: -1, arm: nil, relevant: false, open: true)
        var relevant = baseTally.isRelevant
        for i in 0..<Int(t.armCount) {
            var outcome = baseOutcome
            var tally = baseTally
            let segment = arms[Int(t.armStart) + i]
            if segment.count > 0 {
                let (o, armTally) = run.result(segment, index)
                tally.merge(armTally)
                if o == .notMet || outcome == .notMet { outcome = .notMet } else if o == .unknown { outcome = .unknown }
            }
            relevant = relevant || tally.isRelevant
            let status = Self.status(outcome)
            let rc = Self.order(status, open: segment.open)
            let rb = Self.order(best.status, open: best.open)
            if best.arm == nil || rc <= rb {
                let s = score(status, tally, t.recruitmentBonus)
                if best.arm == nil || rc < rb || s > best.score {
                    best = Decision(status: status, score: s, arm: i, relevant: false, open: segment.open)
                }
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

}

/// Hands out ranges of `0..<count`, a chunk at a time, to whichever worker asks first.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var start = 0
    private let count: Int
    private let chunk: Int

    init(count: Int, chunk: Int) {
        self.count = count
        self.chunk = max(1, chunk)
    }

    func next() -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard start < count else { return nil }
        let range = start..<min(count, start + chunk)
        start = range.upperBound
        return range
    }
}
