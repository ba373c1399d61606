import BoardModel
import Foundation

/// Every trial's explanation laid out flat and built once per engine: the compiled trees in preorder over
/// leaf ids and interned labels, and every text an explanation can show that does not depend on the case.
/// Explaining a match then reads plain values through unsafe buffers (no tree walk, no reference counting
/// but for the strings that end up in the result), deduplicates labels by id, and builds the outcome list
/// at its exact size.
struct ExplanationPlan: Sendable {
    /// One node of a compiled tree, in preorder: a node's children follow it, up to `end`.
    struct Node: Sendable {
        enum Kind: UInt8, Sendable { case leaf, all, any }
        var kind: Kind
        /// A leaf's flag, or for `any`, whether any leaf below comes from free text.
        var fromText: Bool
        /// The leaf id (leaves only).
        var leaf: Int32
        /// Index into `Texts.labels` (leaves and `any`).
        var label: Int32
        /// One past the last node of the subtree.
        var end: Int32
    }

    struct Trial: Sendable {
        var baseStart: Int32
        var baseEnd: Int32
        /// Index into `Texts.chartLines`.
        var chartStart: Int32
        var chartCount: Int32
    }

    /// An arm (parallel to `Plan.arms`).
    struct Arm: Sendable {
        var start: Int32
        var end: Int32
    }

    /// How a leaf's verdict is put into words (which case text, which "missing" text).
    enum LeafKind: UInt8, Sendable {
        case age, sex, diagnosis, ecog, tmb, microsatellite, er, pr, her2, priorTreatment, unsupported, diseaseStatus,
            genomic, stage, lines, alive, mrd, remission
    }

    /// The strings explanations share. Workers explaining in parallel each use their own deep copy, so that
    /// they never contend on the reference counts of the same string objects.
    struct Texts: Sendable {
        /// Leaf and `any` labels, interned: identical labels share an index.
        var labels: [String]
        /// Per arm (parallel to `Plan.arms`).
        var armIds: [String]
        var armTitles: [String]
        /// Per trial.
        var trialIds: [String]
        var trialFingerprints: [String]
        var chartLines: [CriterionOutcome]
        /// Per leaf id: "received …" / the NGS panel / the unsupported criterion's or disease status's missing text.
        var leafTextA: [String]
        /// Per leaf id: "… not in the recorded lines".
        var leafTextB: [String]

        /// The same texts in storage no other copy shares.
        func deepCopy() -> Texts {
            Texts(
                labels: labels.map(Self.copy), armIds: armIds.map(Self.copy), armTitles: armTitles.map(Self.copy),
                trialIds: trialIds.map(Self.copy), trialFingerprints: trialFingerprints.map(Self.copy),
                chartLines: chartLines.map {
                    CriterionOutcome(
                        criterion: Self.copy($0.criterion), outcome: $0.outcome, detail: Self.copy($0.detail),
                        fromText: $0.fromText, missing: $0.missing.map(Self.copy))
                },
                leafTextA: leafTextA.map(Self.copy), leafTextB: leafTextB.map(Self.copy))
        }

        static func copy(_ s: String) -> String {
            var s = s
            return s.withUTF8 { bytes in
                String(unsafeUninitializedCapacity: bytes.count) { buffer in
                    _ = buffer.initialize(fromContentsOf: bytes)
                    return bytes.count
                }
            }
        }
    }

    let nodes: [Node]
    let trials: [Trial]
    let arms: [Arm]
    /// Per leaf id.
    let leafKinds: [LeafKind]
    let texts: Texts
    /// Each trial's position among the trials sorted by id (equal ids share one), for ranking ties.
    let idRank: [Int32]
    /// The largest number of nodes in one tree.
    let longestTree: Int
    /// Per arm (parallel to `Plan.arms`): why it takes no patients now, nil when open or unknown.
    let armNotOpen: [String?]
    /// Per trial: the same for a trial without arms.
    let trialNotOpen: [String?]

    init(_ compiled: [CompiledTrial], leaves: [Leaf]) {
        var layout = Layout()
        for t in compiled { layout.add(t) }
        let (kinds, textA, textB) = Self.leafTexts(leaves)
        nodes = layout.nodes
        trials = layout.trials
        arms = layout.arms
        leafKinds = kinds
        texts = Texts(
            labels: layout.labels, armIds: layout.armIds, armTitles: layout.armTitles,
            trialIds: compiled.map(\.trialId), trialFingerprints: compiled.map(\.fingerprint),
            chartLines: layout.chartLines, leafTextA: textA, leafTextB: textB)
        idRank = Self.idRanks(compiled)
        longestTree = max(1, layout.longest)
        armNotOpen = compiled.flatMap { $0.arms.map(\.notOpen) }
        trialNotOpen = compiled.map(\.notOpen)
    }

    /// The compiled trees flattened in preorder, with their labels interned.
    private struct Layout {
        var nodes: [Node] = []
        var trials: [Trial] = []
        var arms: [Arm] = []
        var labels: [String] = []
        var labelIds: [String: Int32] = [:]
        var armIds: [String] = []
        var armTitles: [String] = []
        var chartLines: [CriterionOutcome] = []
        var longest = 0

        mutating func intern(_ label: String) -> Int32 {
            if let id = labelIds[label] { return id }
            let id = Int32(labels.count)
            labels.append(label)
            labelIds[label] = id
            return id
        }

        mutating func add(_ node: TrialMatching.Node) {
            let k = nodes.count
            nodes.append(Node(kind: .all, fromText: false, leaf: -1, label: -1, end: -1))
            switch node {
            case .leaf(let leaf):
                nodes[k] = Node(
                    kind: .leaf, fromText: leaf.fromText, leaf: Int32(leaf.id), label: intern(leaf.label),
                    end: Int32(k + 1))
            case .all(let children):
                for child in children { add(child) }
                nodes[k].end = Int32(nodes.count)
            case .any(let children, let label):
                for child in children { add(child) }
                nodes[k] = Node(
                    kind: .any, fromText: node.leaves.contains { $0.fromText }, leaf: -1, label: intern(label),
                    end: Int32(nodes.count))
            }
        }

        mutating func tree(_ node: TrialMatching.Node?) -> (Int32, Int32) {
            let start = nodes.count
            if let node { add(node) }
            longest = max(longest, nodes.count - start)
            return (Int32(start), Int32(nodes.count))
        }

        mutating func add(_ t: CompiledTrial) {
            let (baseStart, baseEnd) = tree(t.base)
            for arm in t.arms {
                let (start, end) = tree(arm.node)
                arms.append(Arm(start: start, end: end))
                armIds.append(arm.id)
                armTitles.append(arm.title)
            }
            trials.append(
                Trial(
                    baseStart: baseStart, baseEnd: baseEnd, chartStart: Int32(chartLines.count),
                    chartCount: Int32(t.notEvaluatedLines.count)))
            chartLines += t.notEvaluatedLines
        }
    }

    /// Per leaf id: how its verdict is put into words, and the texts that do not depend on the case.
    private static func leafTexts(_ leaves: [Leaf]) -> ([LeafKind], [String], [String]) {
        var kinds: [LeafKind] = []
        var textA: [String] = []
        var textB: [String] = []
        for leaf in leaves {
            var a = ""
            var b = ""
            let kind: LeafKind
            switch leaf.test {
            case .age: kind = .age
            case .sex: kind = .sex
            case .diagnosis: kind = .diagnosis
            case .ecog: kind = .ecog
            case .tmb: kind = .tmb
            case .microsatellite, .mmr: kind = .microsatellite
            case .receptor(let receptor, _, _):
                switch receptor {
                case .er: kind = .er
                case .pr: kind = .pr
                case .her2: kind = .her2
                }
            case .priorTreatment, .latestTreatment:
                kind = .priorTreatment
                a = leaf.receivedText
                b = leaf.notReceivedText
            case .genomic:
                kind = .genomic
                a = leaf.noProfileMissing
            case .diseaseStatus(let statuses, _):
                kind = .diseaseStatus
                a = "disease status (" + statuses.joined(separator: " / ") + ")"
            case .unsupported(let missing):
                kind = .unsupported
                a = missing
            case .stage:
                kind = .stage
            case .advancedLines:
                kind = .lines
            case .alive:
                kind = .alive
            case .mrd:
                kind = .mrd
            case .remission:
                kind = .remission
            }
            kinds.append(kind)
            textA.append(a)
            textB.append(b)
        }
        return (kinds, textA, textB)
    }

    /// Each trial's position among the trials sorted by id (equal ids share one): ties in ranking go by id.
    private static func idRanks(_ compiled: [CompiledTrial]) -> [Int32] {
        let order = compiled.indices.sorted { compiled[$0].trialId < compiled[$1].trialId }
        var idRank = [Int32](repeating: 0, count: compiled.count)
        var rank: Int32 = 0
        for (k, i) in order.enumerated() {
            if k > 0 && compiled[order[k - 1]].trialId != compiled[i].trialId { rank += 1 }
            idRank[i] = rank
        }
        return idRank
    }
}

/// One worker's scratch space for explaining matches: reused across trials and cases, so that explaining a
/// match allocates only what the result keeps (its outcome list and fingerprint).
struct Explainer {
    /// What one outcome line will say, before any string is touched.
    struct Line {
        enum Kind: UInt8 { case leaf, anyNotMet, otherArm }
        var kind: Kind
        var outcome: Outcome
        var reason: Reason
        /// The node (leaf, anyNotMet) or the other arm (otherArm).
        var index: Int32
        /// The alteration that decided a genomic leaf, or -1.
        var alteration: Int32
    }

    /// A decided trial waiting to be explained, with what ranks it.
    struct Pick {
        var score: Double
        var idRank: Int32
        var trial: Int32
        var rank: UInt8
    }

    var outcomes: [Outcome]
    var seen: [Int32] = []
    var picks: [Pick] = []
    var lines: [Line] = []
    var alterationTexts = AlterationTexts()

    init(longestTree: Int) {
        outcomes = [Outcome](repeating: .met, count: longestTree)
        seen.reserveCapacity(16)
        lines.reserveCapacity(16)
    }

    /// Call when moving on to another case.
    mutating func newCase() {
        alterationTexts.newCase()
    }
}

/// Per case, the texts that name one of its alterations, built when an explanation first needs them.
struct AlterationTexts {
    private var labels: [String?] = []
    private var ready = false
    /// "present: …" and the like, by alteration and reason.
    private var derived: [Int: (String, String?)] = [:]

    mutating func newCase() {
        ready = false
        if !derived.isEmpty { derived.removeAll(keepingCapacity: true) }
    }

    /// The alteration's label, or "" for none (-1).
    mutating func label(of i: Int32, in c: CaseIndex) -> String {
        guard i >= 0 else { return "" }
        if !ready {
            labels.removeAll(keepingCapacity: true)
            labels.append(contentsOf: repeatElement(nil, count: c.alterations.count))
            ready = true
        }
        if let label = labels[Int(i)] { return label }
        let label = c.label(of: c.alterations[Int(i)])
        labels[Int(i)] = label
        return label
    }

    /// The detail and missing texts of a genomic verdict that names an alteration.
    mutating func describe(_ reason: Reason, alteration i: Int32, in c: CaseIndex) -> (String, String?) {
        let key = Int(i) &* 4 &+ (reason == .present ? 1 : reason == .undecided ? 2 : 3)
        if let known = derived[key] { return known }
        let label = label(of: i, in: c)
        let texts: (String, String?)
        switch reason {
        case .present: texts = ("present: " + label, nil)
        case .undecided where c.alterations[Int(i)].significance == .overexpression:
            texts = (
                label + ": protein overexpression, not a measured gene amplification; ISH or NGS copy number would"
                    + " settle it", "ERBB2 copy number by ISH or NGS"
            )
        case .undecided:
            texts = (label + ": the record does not say enough to decide", "exon, protein change or class of " + label)
        default: texts = ("only a variant of uncertain significance: " + label, "the significance of " + label)
        }
        derived[key] = texts
        return texts
    }
}

/// An engine's plans and one set of texts, read through unsafe buffers for the span of one case.
struct ExplanationView {
    let entries: UnsafeBufferPointer<Plan.Entry>
    let segments: UnsafeBufferPointer<Plan.Segment>
    let nodes: UnsafeBufferPointer<ExplanationPlan.Node>
    let trials: UnsafeBufferPointer<ExplanationPlan.Trial>
    let arms: UnsafeBufferPointer<ExplanationPlan.Arm>
    let leafKinds: UnsafeBufferPointer<ExplanationPlan.LeafKind>
    let idRank: UnsafeBufferPointer<Int32>
    let labels: UnsafeBufferPointer<String>
    let armIds: UnsafeBufferPointer<String>
    let armTitles: UnsafeBufferPointer<String>
    let trialIds: UnsafeBufferPointer<String>
    let trialFingerprints: UnsafeBufferPointer<String>
    let chartLines: UnsafeBufferPointer<CriterionOutcome>
    let leafTextA: UnsafeBufferPointer<String>
    let leafTextB: UnsafeBufferPointer<String>
}

extension MatchEngine {
    func withView<R>(_ texts: ExplanationPlan.Texts, _ body: (ExplanationView) -> R) -> R {
        let e = explanation
        return plan.entries.withUnsafeBufferPointer { entries in
            plan.arms.withUnsafeBufferPointer { segments in
                e.nodes.withUnsafeBufferPointer { nodes in
                    e.trials.withUnsafeBufferPointer { trials in
                        e.arms.withUnsafeBufferPointer { arms in
                            e.leafKinds.withUnsafeBufferPointer { leafKinds in
                                e.idRank.withUnsafeBufferPointer { idRank in
                                    texts.labels.withUnsafeBufferPointer { labels in
                                        texts.armIds.withUnsafeBufferPointer { armIds in
                                            texts.armTitles.withUnsafeBufferPointer { armTitles in
                                                texts.trialIds.withUnsafeBufferPointer { trialIds in
                                                    texts.trialFingerprints.withUnsafeBufferPointer {
                                                        trialFingerprints in
                                                        texts.chartLines.withUnsafeBufferPointer { chartLines in
                                                            texts.leafTextA.withUnsafeBufferPointer { leafTextA in
                                                                texts.leafTextB.withUnsafeBufferPointer { leafTextB in
                                                                    body(
                                                                        ExplanationView(
                                                                            entries: entries, segments: segments,
                                                                            nodes: nodes, trials: trials, arms: arms,
                                                                            leafKinds: leafKinds,
                                                                            idRank: idRank, labels: labels,
                                                                            armIds: armIds, armTitles: armTitles,
                                                                            trialIds: trialIds,
                                                                            trialFingerprints: trialFingerprints,
                                                                            chartLines: chartLines,
                                                                            leafTextA: leafTextA, leafTextB: leafTextB))
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
                        }
                    }
                }
            }
        }
    }

    /// One match, explained criterion by criterion: the trial-level tree, the chosen arm's tree, the other arms with
    /// their accrual (when the match is not ruled out), then the criteria that need the chart.
    func materialize(
        trial i: Int, case c: CaseIndex, decision d: Decision, run: PlanRun, view v: ExplanationView,
        explainer x: inout Explainer, at now: Date
    ) -> TrialMatch {
        let (armId, outcomes) = explain(trial: i, case: c, decision: d, run: run, view: v, explainer: &x)
        return TrialMatch(
            caseId: c.caseId, trialId: v.trialIds[i], armId: armId, outcomes: outcomes, status: d.status,
            score: d.score, computedAt: now,
            dataFingerprint: Self.concatenate(c.fingerprintPrefix, v.trialFingerprints[i]),
            notOpen: notOpen(trial: i, arm: d.arm))
    }

    /// Why the chosen arm (or the trial, without arms) takes no patients now; nil when open or unknown.
    func notOpen(trial i: Int, arm: Int?) -> String? {
        guard let arm else { return explanation.trialNotOpen[i] }
        return explanation.armNotOpen[Int(plan.entries[i].armStart) + arm]
    }

    /// The chosen arm's id and the outcome lines of one match.
    func explain(
        trial i: Int, case c: CaseIndex, decision d: Decision, run: PlanRun, view v: ExplanationView,
        explainer x: inout Explainer, otherArms: Bool = true
    ) -> (String?, [CriterionOutcome]) {
        x.seen.removeAll(keepingCapacity: true)
        x.lines.removeAll(keepingCapacity: true)
        let entry = v.entries[i]
        let t = v.trials[i]
        var armId: String?
        x.outcomes.withUnsafeMutableBufferPointer { scratch in
            explainTree(
                v.nodes, from: Int(t.baseStart), to: Int(t.baseEnd), run: run, case: c, scratch: scratch,
                seen: &x.seen, lines: &x.lines)
            if let a = d.arm {
                let arm = Int(entry.armStart) + a
                armId = v.armIds[arm]
                let tree = v.arms[arm]
                explainTree(
                    v.nodes, from: Int(tree.start), to: Int(tree.end), run: run, case: c, scratch: scratch,
                    seen: &x.seen, lines: &x.lines)
                if otherArms && d.status != .notEligible {
                    for j in 0..<Int(entry.armCount) where j != a {
                        let other = Int(entry.armStart) + j
                        let segment = v.segments[other]
                        let o = segment.count > 0 ? run.result(segment, c).0 : Outcome.met
                        x.lines.append(
                            Explainer.Line(
                                kind: .otherArm, outcome: o, reason: .value, index: Int32(other), alteration: -1))
                    }
                }
            }
        }

        let count = x.lines.count + Int(t.chartCount)
        let outcomes = x.lines.withUnsafeBufferPointer { lines in
            [CriterionOutcome](unsafeUninitializedCapacity: count) { buffer, initialized in
                var k = 0
                for line in lines {
                    let (criterion, detail, fromText, missing) = words(
                        line, case: c, view: v, alterationTexts: &x.alterationTexts)
                    // Fields assigned into a blank of immortal literals: moved, where the initializer would copy them.
                    let slot = buffer.baseAddress! + k
                    slot.initialize(to: Self.blankOutcome)
                    slot.pointee.criterion = criterion
                    slot.pointee.outcome = line.outcome
                    slot.pointee.detail = detail
                    slot.pointee.fromText = fromText
                    slot.pointee.missing = missing
                    k += 1
                }
                for j in Int(t.chartStart)..<Int(t.chartStart + t.chartCount) {
                    (buffer.baseAddress! + k).initialize(to: v.chartLines[j])
                    k += 1
                }
                initialized = k
            }
        }
        return (armId, outcomes)
    }

    static let blankOutcome = CriterionOutcome(criterion: "", outcome: .met, detail: "")

    /// `a + b` in one allocation of the exact size.
    static func concatenate(_ a: String, _ b: String) -> String {
        var a = a
        var b = b
        return a.withUTF8 { a in
            b.withUTF8 { b in
                String(unsafeUninitializedCapacity: a.count + b.count) { buffer in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[..<a.count]).initialize(fromContentsOf: a)
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[a.count...]).initialize(fromContentsOf: b)
                    return a.count + b.count
                }
            }
        }
    }

    /// Decides every node of the tree in `start..<end` bottom-up from the cached leaf verdicts, then appends
    /// the lines that decided it: every leaf of an `all`, the first met alternative of an `any` (or every
    /// unknown one, or the `any` itself when none applies). A label already said is not said again.
    private func explainTree(
        _ nodes: UnsafeBufferPointer<ExplanationPlan.Node>, from start: Int, to end: Int, run: PlanRun,
        case c: CaseIndex, scratch outcome: UnsafeMutableBufferPointer<Outcome>,
        seen: inout [Int32], lines: inout [Explainer.Line]
    ) {
        guard start < end else { return }
        var k = end - 1
        while k >= start {
            let node = nodes[k]
            switch node.kind {
            case .leaf:
                outcome[k - start] = run.verdict(Int(node.leaf), c).outcome
            case .all:
                var o = Outcome.met
                var child = k + 1
                while child < Int(node.end) {
                    let co = outcome[child - start]
                    if co == .notMet { o = .notMet } else if co == .unknown && o == .met { o = .unknown }
                    child = Int(nodes[child].end)
                }
                outcome[k - start] = o
            case .any:
                var o = Outcome.notMet
                var child = k + 1
                while child < Int(node.end) {
                    let co = outcome[child - start]
                    if co == .met {
                        o = .met
                        break
                    }
                    if co == .unknown { o = .unknown }
                    child = Int(nodes[child].end)
                }
                outcome[k - start] = o
            }
            k -= 1
        }
        emit(nodes, node: start, start: start, run: run, case: c, outcome: outcome, seen: &seen, lines: &lines)
    }

    private func emit(
        _ nodes: UnsafeBufferPointer<ExplanationPlan.Node>, node k: Int, start: Int, run: PlanRun, case c: CaseIndex,
        outcome: UnsafeMutableBufferPointer<Outcome>, seen: inout [Int32], lines: inout [Explainer.Line]
    ) {
        let node = nodes[k]
        switch node.kind {
        case .leaf:
            // CTML repeats conditions (age in every clinical node); say each once.
            if seen.contains(node.label) { return }
            seen.append(node.label)
            let v = run.verdict(Int(node.leaf), c)
            // "Patient alive" is said only when the record states death; otherwise it goes without saying.
            if v.outcome == .met, case .alive = run.leaves[Int(node.leaf)].test { return }
            lines.append(
                Explainer.Line(
                    kind: .leaf, outcome: v.outcome, reason: v.reason, index: Int32(k), alteration: v.alteration))
        case .all:
            var child = k + 1
            while child < Int(node.end) {
                emit(nodes, node: child, start: start, run: run, case: c, outcome: outcome, seen: &seen, lines: &lines)
                child = Int(nodes[child].end)
            }
        case .any:
            let o = outcome[k - start]
            var child = k + 1
            if o == .met {
                while child < Int(node.end) {
                    if outcome[child - start] == .met {
                        emit(
                            nodes, node: child, start: start, run: run, case: c, outcome: outcome, seen: &seen,
                            lines: &lines)
                        return
                    }
                    child = Int(nodes[child].end)
                }
            } else if o == .unknown {
                while child < Int(node.end) {
                    if outcome[child - start] == .unknown {
                        emit(
                            nodes, node: child, start: start, run: run, case: c, outcome: outcome, seen: &seen,
                            lines: &lines)
                    }
                    child = Int(nodes[child].end)
                }
            } else {
                seen.append(node.label)
                lines.append(
                    Explainer.Line(kind: .anyNotMet, outcome: .notMet, reason: .value, index: Int32(k), alteration: -1))
            }
        }
    }

    /// The words for one line: its criterion, the case data that decided it, whether it comes from free text,
    /// and what would settle it when unknown.
    private func words(
        _ line: Explainer.Line, case c: CaseIndex, view texts: ExplanationView,
        alterationTexts: inout AlterationTexts
    ) -> (String, String, Bool, String?) {
        switch line.kind {
        case .otherArm:
            // "open; also fits", or for an arm that takes no patients "closed (not recruiting); also fits".
            let accrual = explanation.armNotOpen[Int(line.index)].map {
                $0 == "closed to accrual" ? $0 : "closed (\($0))"
            }
            let fit: String
            switch line.outcome {
            case .met: fit = "also fits"
            case .unknown: fit = "may also fit"
            case .notMet: fit = "its own criteria are not met"
            }
            return (texts.armTitles[Int(line.index)], (accrual ?? "open") + "; " + fit, false, nil)
        case .anyNotMet:
            let node = texts.nodes[Int(line.index)]
            return (texts.labels[Int(node.label)], "none of these applies", node.fromText, nil)
        case .leaf:
            let node = texts.nodes[Int(line.index)]
            let leaf = Int(node.leaf)
            let detail: String
            let missing: String?
            switch texts.leafKinds[leaf] {
            case .age: (detail, missing) = (c.ageText, "date of birth")
            case .sex: (detail, missing) = (c.sexText, "sex")
            case .diagnosis where line.reason == .diagnosisUnconfirmed:
                let status = c.dxUnconfirmed ?? "unconfirmed"
                (detail, missing) = (
                    "\(c.dxText), \(status)", "a confirmed diagnosis (the record says \(status))"
                )
            case .diagnosis where line.reason == .diagnosisNotCurrent:
                let status = c.dxNotCurrent ?? "not current"
                (detail, missing) = (
                    "\(c.dxText), \(status)", "whether the cancer is present now (the record says \(status))"
                )
            case .diagnosis:
                (detail, missing) = (
                    c.dxText,
                    line.reason == .unmappedDiagnosis
                        ? "a trial diagnosis mapped to OncoTree"
                        : "the diagnosis as an OncoTree code"
                )
            case .ecog: (detail, missing) = (c.ecogText, "ECOG performance status")
            case .tmb: (detail, missing) = (c.tmbText, "tumour mutational burden (mut/Mb)")
            case .microsatellite: (detail, missing) = (c.msiText, "MSI or MMR status")
            case .er: (detail, missing) = (c.erText, "ER status")
            case .pr: (detail, missing) = (c.prText, "PR status")
            case .her2: (detail, missing) = (c.her2Text, "HER2 status")
            case .priorTreatment:
                switch line.reason {
                case .received: (detail, missing) = (texts.leafTextA[leaf], nil)
                case .notReceived: (detail, missing) = (texts.leafTextB[leaf], nil)
                default: (detail, missing) = ("no prior therapy recorded", "prior lines of therapy")
                }
            case .unsupported: (detail, missing) = ("not recorded in a form matching can read", texts.leafTextA[leaf])
            case .diseaseStatus: (detail, missing) = (c.stageText, texts.leafTextA[leaf])
            case .stage:
                (detail, missing) = (
                    c.stageConflict ? c.stageText + ", but metastatic disease is recorded" : c.stageText,
                    "the stage group (or whether the disease is inoperable)"
                )
            case .alive: (detail, missing) = (c.vitalText, nil)
            case .mrd: (detail, missing) = (c.mrdText, "a minimal residual disease result")
            case .remission:
                (detail, missing) = (
                    c.latestResponse.map {
                        "latest line: best response \($0.rawValue) (\(c.drugLines) line(s) with drugs)"
                    }
                        ?? "no response recorded",
                    "the response to the latest line"
                )
            case .lines:
                (detail, missing) = (
                    c.advancedLines.map { "\($0) line(s) recorded for advanced disease" }
                        ?? "no prior therapy recorded",
                    "prior lines of therapy for advanced disease"
                )
            case .genomic:
                switch line.reason {
                case .found: (detail, missing) = (alterationTexts.label(of: line.alteration, in: c), nil)
                case .present, .undecided, .vusOnly:
                    (detail, missing) = alterationTexts.describe(line.reason, alteration: line.alteration, in: c)
                case .noProfile: (detail, missing) = (c.noProfileText, texts.leafTextA[leaf])
                default: (detail, missing) = ("none reported", nil)
                }
            }
            return (texts.labels[Int(node.label)], detail, node.fromText, line.outcome == .unknown ? missing : nil)
        }
    }
}
