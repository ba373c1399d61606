import BoardModel
import Foundation

/// A trial prepared for matching: the trial-level tree (structured eligibility fields, the CTML tree,
/// and what the free text names), the arms with their own trees, and the texts arms are explained with.
final class CompiledTrial: Sendable {
    final class Arm: Sendable {
        let id: String
        let title: String
        /// The arm's own criteria, labelled "arm A: …".
        let node: Node?
        let program: Program

        init(id: String, title: String, node: Node?) {
            self.id = id
            self.title = title
            self.node = node
            program = Program(node)
        }
    }

    let trial: Trial
    let fingerprint: String
    let base: Node
    let baseProgram: Program
    /// Open arms only; closed arms are skipped and said so in `closedArmLines`.
    let arms: [Arm]
    let closedArmLines: [CriterionOutcome]
    let hasArms: Bool
    let recruitmentBonus: Double

    let trialId: String

    init(_ trial: Trial, compiler: inout CriterionCompiler) {
        trialId = trial.id
        self.trial = trial
        fingerprint = trial.fingerprint
        let e = trial.eligibility
        let tree = e.criteria.map { compiler.compile($0) }
        var arms: [Arm] = []
        var closed: [CriterionOutcome] = []
        var armLeaves: [Leaf] = []
        for arm in trial.arms {
            let title = "arm \(arm.id)" + (arm.name.isEmpty || arm.name == arm.id ? "" : " (\(arm.name))")
            if arm.open {
                // An arm without a tree of its own: the alterations its name and description require (umbrella trials).
                let node = arm.criteria.map { compiler.compile($0) } ?? Self.describedArmNode(arm, compiler: &compiler)
                armLeaves += node?.leaves ?? []
                arms.append(Arm(id: arm.id, title: title, node: node?.prefixed("arm \(arm.id): ")))
            } else {
                closed.append(
                    CriterionOutcome(criterion: title, outcome: .notMet, detail: "closed to accrual — skipped"))
            }
        }
        let treeLeaves = (tree?.leaves ?? []) + armLeaves
        let treeLabels = Set(treeLeaves.map(\.label))

        // Structured fields, unless the tree already says the same.
        var structured: [Leaf] = []
        if let min = e.minimumAge {
            structured.append(compiler.leaf("age ≥\(min)", .age(Comparison(op: .ge, value: Double(min)))))
        }
        if let max = e.maximumAge {
            structured.append(compiler.leaf("age ≤\(max)", .age(Comparison(op: .le, value: Double(max)))))
        }
        if let sex = e.sex, sex == .female || sex == .male {
            structured.append(compiler.leaf("sex \(sex.rawValue)", .sex(sex)))
        }
        if !e.diagnoses.isEmpty {
            structured.append(
                compiler.diagnosisLeaf(
                    e.diagnoses.map { DiagnosisTarget.resolve($0, tree: compiler.tree) }, negated: false))
        } else if !e.conditions.isEmpty {
            var targets: [DiagnosisTarget] = []
            for condition in e.conditions {
                let target = DiagnosisTarget.resolve(condition, tree: compiler.tree)
                if !targets.contains(target) { targets.append(target) }
            }
            // Mapped conditions decide; unmapped ones are kept only when nothing maps.
            let mapped = targets.filter {
                if case .unmapped = $0 { return false }
                return true
            }
            structured.append(compiler.diagnosisLeaf(mapped.isEmpty ? targets : mapped, negated: false))
        }
        // Every trial is for living patients: a record that states death rules the patient out (issue 12).
        structured.insert(compiler.leaf("patient alive", .alive), at: 0)
        var nodes: [Node] = structured.filter { !treeLabels.contains($0.label) }.map(Node.leaf)
        if let tree { nodes.append(tree) }

        // Free text: inclusion mentions only where no structured criterion covers the same ground;
        // exclusion mentions always (an excluded alteration the patient has counts against).
        let hasGenomic = treeLeaves.contains {
            switch $0.test {
            case .genomic, .microsatellite, .mmr, .tmb: true
            default: false
            }
        }
        let treeHasECOG = treeLeaves.contains {
            if case .ecog = $0.test { return true }
            return false
        }
        let hasReceptor = treeLeaves.contains {
            if case .receptor = $0.test { return true }
            return false
        }
        let hasERBB2 = treeLeaves.contains {
            if case .genomic(let g) = $0.test { return g.genes.contains("ERBB2") }
            return false
        }
        var inclusion = e.inclusionText ?? ""
        var exclusion = e.exclusionText ?? ""
        if exclusion.isEmpty, inclusion.lowercased().contains("exclusion criteria") {
            (inclusion, exclusion) = EligibilityText.sections(of: inclusion)
        }
        // Inclusion text in parts (study stages, cohorts) with different ECOG limits: at or below the lowest
        // limit is met, above the highest is not met, in between depends on the part (unknown).
        var hasECOG = treeHasECOG
        if !hasECOG {
            let limits = Set(EligibilityText.sentences(inclusion).compactMap(ScreenerText.ecogMax))
            if limits.count >= 2, let low = limits.min(), let high = limits.max() {
                hasECOG = true
                nodes.append(
                    .any(
                        [
                            .leaf(
                                compiler.leaf(
                                    "text: ECOG ≤\(low)", .ecog(Comparison(op: .le, value: Double(low))), fromText: true
                                )),
                            .all([
                                .leaf(
                                    compiler.leaf(
                                        "text: ECOG ≤\(high)", .ecog(Comparison(op: .le, value: Double(high))),
                                        fromText: true)),
                                .leaf(
                                    compiler.leaf(
                                        "text: ECOG limit of the study part (≤\(low) or ≤\(high))",
                                        .unsupported(missing: "which part of the study the patient enters"),
                                        fromText: true)),
                            ]),
                        ],
                        label: "text: ECOG ≤\(low) (≤\(high) in another part of the study)"))
            } else if limits.count == 1, let only = limits.first {
                hasECOG = true
                nodes.append(
                    .leaf(
                        compiler.leaf(
                            "text: ECOG ≤\(only)", .ecog(Comparison(op: .le, value: Double(only))), fromText: true)))
            }
        }
        for clause in EligibilityText.clauses(inclusion, section: .inclusion) {
            let kept = clause.mentions.filter { mention in
                switch mention {
                case .alteration, .wildtype, .msiHigh, .microsatelliteStable, .tmb: !hasGenomic
                case .ecog: !hasECOG
                case .receptor(let name, _): !hasReceptor && !(name == "HER2" && hasERBB2)
                }
            }
            guard !kept.isEmpty else { continue }
            if let node = Self.textNode(
                EligibilityText.Clause(
                    section: .inclusion, mentions: kept, anyOf: clause.anyOf,
                    negated: clause.negated, sentence: clause.sentence), compiler: &compiler)
            {
                nodes.append(node)
            }
        }
        for clause in EligibilityText.clauses(exclusion, section: .exclusion) {
            if let node = Self.textNode(clause, compiler: &compiler) { nodes.append(node) }
        }
        // Condition names that state a receptor subtype ("Triple Negative Breast Cancer") are criteria of their own.
        var subtypes: [TrialConditionCrosswalk.Subtype] = []
        for condition in e.conditions {
            for st in TrialConditionCrosswalk.subtypes(of: condition) where !subtypes.contains(st) {
                subtypes.append(st)
            }
        }
        if !hasReceptor {
            for st in subtypes {
                switch st {
                case .tripleNegative:
                    for r in [Receptor.er, .pr, .her2] {
                        nodes.append(
                            .leaf(
                                compiler.leaf(
                                    "condition triple-negative: \(r.rawValue) negative",
                                    .receptor(r, positive: false, negated: false))))
                    }
                case .her2Positive:
                    nodes.append(
                        .leaf(
                            compiler.leaf(
                                "condition HER2-positive: HER2 positive",
                                .receptor(.her2, positive: true, negated: false))))
                case .her2Negative:
                    nodes.append(
                        .leaf(
                            compiler.leaf(
                                "condition HER2-negative: HER2 negative",
                                .receptor(.her2, positive: false, negated: false))))
                case .hormoneReceptorPositive:
                    nodes.append(
                        .any(
                            [
                                .leaf(compiler.leaf("ER positive", .receptor(.er, positive: true, negated: false))),
                                .leaf(compiler.leaf("PR positive", .receptor(.pr, positive: true, negated: false))),
                            ],
                            label: "condition hormone-receptor-positive: ER or PR positive"))
                }
            }
        }

        // The screener's reading of the remaining sentences: stage, HER2 by IHC/ISH, prior therapy, lines; the
        // rest either needs the chart (listed, not counted) or was not read (unknown, counted).
        // Arm drugs that are one drug name (a composite such as "Chemotherapy (Gemcitabine + Carboplatin …)" is not).
        let armDrugs = Array(
            Set(trial.arms.flatMap(\.drugs).map { $0.lowercased() }.filter { !$0.contains(" ") && !$0.contains("(") }))
        // An exception to "prior study treatment" stated in any sentence holds for all of them.
        let studyExceptions = Set(
            EligibilityText.sentences(exclusion).map { $0.lowercased() }.flatMap { l -> [String] in
                guard let r = l.range(of: "exception of") ?? l.range(of: "except ") else { return [] }
                return armDrugs.filter { l[r.upperBound...].contains($0) }
            })
        var chart: [CriterionOutcome] = []
        var said = Set<String>()
        for (text, section) in [(inclusion, EligibilityText.Section.inclusion), (exclusion, .exclusion)] {
            for sentence in EligibilityText.sentences(text) {
                let lower = sentence.lowercased()
                // Headings ("Inclusion Criteria Stage 1", "Exclusion criteria:") are not criteria.
                if lower.hasPrefix("inclusion criteria") || lower.hasPrefix("exclusion criteria")
                    || lower.hasSuffix("criteria")
                    || lower.hasSuffix("criteria:") || lower.count < 4
                {
                    continue
                }
                let alreadyRead = EligibilityText.clause(sentence, section: section) != nil
                var kind = ScreenerText.read(sentence, section: section, alreadyRead: alreadyRead)
                // "Prior treatment with any of the study treatments …": the drugs of the trial's own arms.
                if section == .exclusion, lower.contains("study treatment") || lower.contains("study drug"),
                    lower.contains("prior") || lower.contains("previous"), !armDrugs.isEmpty
                {
                    let allowed =
                        ScreenerText.drugs(in: lower.components(separatedBy: "exception of").dropFirst().joined())
                        .flatMap(\.1)
                        + (lower.range(of: "exception of").map { r in
                            armDrugs.filter { lower[r.upperBound...].contains($0) }
                        } ?? [])
                    let names = Array(Set(armDrugs.filter { !allowed.contains($0) && !studyExceptions.contains($0) }))
                        .sorted()
                    if !names.isEmpty {
                        kind = .read([
                            .prior(
                                names: names,
                                display: "a study treatment of this trial (" + names.joined(separator: ", ") + ")",
                                required: false)
                        ])
                    }
                }
                switch kind {
                case .ignore: continue
                case .chart:
                    let shown = Self.shorten(sentence)
                    guard said.insert(shown).inserted else { continue }
                    chart.append(
                        CriterionOutcome(
                            criterion: (section == .exclusion ? "excluded if: " : "") + shown, outcome: .unknown,
                            detail: "needs the chart", fromText: true, missing: "the chart"))
                case .unread where section == .exclusion:
                    // An exclusion not read is listed for the screener to check; inclusion criteria not read count (below).
                    let shown = Self.shorten(sentence)
                    guard said.insert(shown).inserted else { continue }
                    chart.append(
                        CriterionOutcome(
                            criterion: "excluded if: " + shown, outcome: .unknown,
                            detail: "not read by the matcher: check against the record", fromText: true,
                            missing: "a screener's reading of this exclusion"))
                case .unread:
                    let shown = Self.shorten(sentence)
                    guard said.insert(shown).inserted else { continue }
                    nodes.append(
                        .leaf(
                            compiler.leaf(
                                "text not read: " + shown, .unsupported(missing: "a screener's reading of: " + shown),
                                fromText: true)))
                case .read(let readings):
                    for r in readings {
                        let prefix = section == .exclusion ? "excluded if: " : "text: "
                        switch r {
                        case .stage(let yes, let maybe, let label):
                            if case .stage = treeLeaves.first(where: {
                                if case .stage = $0.test { return true }
                                return false
                            })?.test {
                                continue
                            }
                            nodes.append(
                                .leaf(
                                    compiler.leaf(
                                        (label.hasPrefix("excluded") ? "" : prefix) + label,
                                        .stage(yes: yes, maybe: maybe), fromText: true)))
                        case .her2Positive:
                            if hasReceptor || hasERBB2 { continue }
                            nodes.append(
                                .leaf(
                                    compiler.leaf(
                                        "text: HER2 positive (IHC 3+ or ISH amplified)",
                                        .receptor(.her2, positive: true, negated: false), fromText: true)))
                        case .prior(let names, let display, let required):
                            let label = (required ? "text: prior " : "excluded if: prior ") + display
                            nodes.append(
                                .leaf(
                                    compiler.leaf(
                                        label, .priorTreatment(names: names, display: display, negated: !required),
                                        fromText: true)))
                        case .lines(let cmp, let label):
                            nodes.append(.leaf(compiler.leaf("text: " + label, .advancedLines(cmp), fromText: true)))
                        }
                    }
                }
            }
        }
        closed += chart

        base = .all(nodes)
        baseProgram = Program(base)
        self.arms = arms
        closedArmLines = closed
        hasArms = !trial.arms.isEmpty
        switch trial.status {
        case .recruiting: recruitmentBonus = 20
        case .enrollingByInvitation, .notYetRecruiting: recruitmentBonus = 12
        case .activeNotRecruiting: recruitmentBonus = 4
        case .suspended, .unknown: recruitmentBonus = 2
        case .available: recruitmentBonus = 12
        case .temporarilyNotAvailable: recruitmentBonus = 2
        case .terminated, .completed, .withdrawn, .noLongerAvailable, .approvedForMarketing, .withheld:
            recruitmentBonus = 0
        }
    }

    /// The alterations an arm's name and description require ("Subprotocol H: BRAF V600E/R/K/D mutation",
    /// "Arm B: EGFR T790M"), read as inclusion text; nil when they name none.
    static func describedArmNode(_ arm: TrialArm, compiler: inout CriterionCompiler) -> Node? {
        let text = ([arm.name] + (arm.description.map { [$0] } ?? [])).joined(separator: "\n")
        var nodes: [Node] = []
        for clause in EligibilityText.clauses(text, section: .inclusion) {
            let genomic = clause.mentions.filter {
                switch $0 {
                case .alteration, .msiHigh, .tmb: true
                default: false
                }
            }
            guard !genomic.isEmpty, !clause.negated else { continue }
            if let node = textNode(
                EligibilityText.Clause(
                    section: .inclusion, mentions: genomic, anyOf: clause.anyOf, negated: false,
                    sentence: clause.sentence), compiler: &compiler)
            {
                nodes.append(node)
            }
        }
        guard !nodes.isEmpty else { return nil }
        return nodes.count == 1
            ? nodes[0] : .any(nodes, label: "one of: " + nodes.map(\.label).joined(separator: " / "))
    }

    /// A sentence as a criterion's label: at most 160 characters, cut at a word.
    static func shorten(_ sentence: String) -> String {
        let t = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.count > 160 else { return t }
        let cut = t.prefix(160)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + " …"
    }

    /// The node a sentence of free text stands for; exclusions (and "No …" inclusions) are met when absent.
    static func textNode(_ clause: EligibilityText.Clause, compiler: inout CriterionCompiler) -> Node? {
        let against = clause.section == .exclusion || clause.negated
        let prefix = against ? "excluded if: " : "text: "
        var nodes: [Node] = []
        var receptors: [(Receptor, Bool, Node)] = []
        for mention in clause.mentions {
            let label = prefix + mention.label
            switch mention {
            case .alteration(let names, let alternatives):
                var leaves: [Leaf] = []
                for name in names {
                    let id = compiler.genes.intern(name)
                    for alt in alternatives {
                        var t = GenomicTest()
                        t.genes = [name]
                        t.geneIds = [id]
                        t.absent = against
                        t.exons = alt.exons
                        switch alt.kind {
                        case .mutation: t.category = .mutation
                        case .deletion:
                            if alt.exons.isEmpty && alt.protein == nil {
                                t.category = .copyNumber
                                t.cnv = .homozygousDeletion
                            } else {
                                t.category = .mutation
                                if alt.protein == nil { t.variantClass = .inFrameDel }
                            }
                        case .insertion:
                            t.category = .mutation
                            if alt.protein == nil { t.variantClass = .inFrameIns }
                        case .amplification:
                            t.category = .copyNumber
                            t.cnv = .amplification
                        case .fusion: t.category = .structural
                        case .any: break
                        }
                        if let p = alt.protein {
                            t.protein = ProteinChange.normalise(p)
                            t.proteinRange = t.protein.flatMap(ProteinChange.range)
                        }
                        if let w = alt.wildcard { t.wildcard = ProteinChange.normalise(w) }
                        leaves.append(compiler.leaf(prefix + name + " " + alt.label, .genomic(t), fromText: true))
                    }
                }
                if leaves.count == 1 {
                    nodes.append(.leaf(leaves[0]))
                } else if against {
                    nodes.append(.all(leaves.map(Node.leaf)))
                } else {
                    nodes.append(.any(leaves.map(Node.leaf), label: label))
                }
            case .wildtype(let names):
                guard !against else { continue }
                for name in names {
                    var t = GenomicTest()
                    t.genes = [name]
                    t.geneIds = [compiler.genes.intern(name)]
                    t.absent = true
                    nodes.append(.leaf(compiler.leaf(prefix + name + " wild-type", .genomic(t), fromText: true)))
                }
            case .msiHigh:
                nodes.append(.leaf(compiler.leaf(label, .microsatellite(high: true, negated: against), fromText: true)))
            case .microsatelliteStable:
                nodes.append(
                    .leaf(compiler.leaf(label, .microsatellite(high: false, negated: against), fromText: true)))
            case .tmb(let n):
                nodes.append(
                    .leaf(compiler.leaf(label, .tmb(Comparison(op: against ? .lt : .ge, value: n)), fromText: true)))
            case .receptor(let name, let positive):
                let receptor = Receptor(rawValue: name) ?? .her2
                receptors.append(
                    (
                        receptor, positive,
                        Node.leaf(
                            compiler.leaf(
                                label, .receptor(receptor, positive: positive, negated: against), fromText: true))
                    ))
            case .ecog(let n):
                guard !against else { continue }
                nodes.append(.leaf(compiler.leaf(label, .ecog(Comparison(op: .le, value: Double(n))), fromText: true)))
            }
        }
        var combined: [Node] = []
        if nodes.count > 1 && clause.anyOf && !against {
            combined.append(
                .any(
                    nodes,
                    label: "text: one of "
                        + nodes.map(\.label).map { $0.replacingOccurrences(of: "text: ", with: "") }.joined(
                            separator: " / ")))
        } else {
            combined += nodes
        }
        // Receptors: "ER+ and/or PR+" reads as hormone-receptor positive (either); HER2 always stands alone.
        let hormone = receptors.filter { $0.0 != .her2 && $0.1 && !against }
        if hormone.count == 2 {
            combined.append(.any(hormone.map(\.2), label: "text: ER positive or PR positive"))
            combined += receptors.filter { !($0.0 != .her2 && $0.1) }.map(\.2)
        } else {
            combined += receptors.map(\.2)
        }
        guard !combined.isEmpty else { return nil }
        return combined.count == 1 ? combined[0] : .all(combined)
    }
}
