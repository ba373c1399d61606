import Foundation
import BoardModel

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
                let node = arm.criteria.map { compiler.compile($0) }
                armLeaves += node?.leaves ?? []
                arms.append(Arm(id: arm.id, title: title, node: node?.prefixed("arm \(arm.id): ")))
            } else {
                closed.append(CriterionOutcome(criterion: title, outcome: .notMet, detail: "closed to accrual — skipped"))
            }
        }
        let treeLeaves = (tree?.leaves ?? []) + armLeaves
        let treeLabels = Set(treeLeaves.map(\.label))

        // Structured fields, unless the tree already says the same.
        var structured: [Leaf] = []
        if let min = e.minimumAge { structured.append(compiler.leaf("age ≥\(min)", .age(Comparison(op: .ge, value: Double(min))))) }
        if let max = e.maximumAge { structured.append(compiler.leaf("age ≤\(max)", .age(Comparison(op: .le, value: Double(max))))) }
        if let sex = e.sex, sex == .female || sex == .male { structured.append(compiler.leaf("sex \(sex.rawValue)", .sex(sex))) }
        if !e.diagnoses.isEmpty {
            structured.append(compiler.diagnosisLeaf(e.diagnoses.map { DiagnosisTarget.resolve($0, tree: compiler.tree) }, negated: false))
        } else if !e.conditions.isEmpty {
            var targets: [DiagnosisTarget] = []
            for condition in e.conditions {
                let target = DiagnosisTarget.resolve(condition, tree: compiler.tree)
                if !targets.contains(target) { targets.append(target) }
            }
            // Mapped conditions decide; unmapped ones are kept only when nothing maps.
            let mapped = targets.filter { if case .unmapped = $0 { return false }; return true }
            structured.append(compiler.diagnosisLeaf(mapped.isEmpty ? targets : mapped, negated: false))
        }
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
        let hasECOG = treeLeaves.contains { if case .ecog = $0.test { return true }; return false }
        let hasReceptor = treeLeaves.contains { if case .receptor = $0.test { return true }; return false }
        let hasERBB2 = treeLeaves.contains { if case .genomic(let g) = $0.test { return g.genes.contains("ERBB2") }; return false }
        var inclusion = e.inclusionText ?? ""
        var exclusion = e.exclusionText ?? ""
        if exclusion.isEmpty, inclusion.lowercased().contains("exclusion criteria") {
            (inclusion, exclusion) = EligibilityText.sections(of: inclusion)
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
            if let node = Self.textNode(EligibilityText.Clause(section: .inclusion, mentions: kept, anyOf: clause.anyOf,
                                                               negated: clause.negated, sentence: clause.sentence), compiler: &compiler) {
                nodes.append(node)
            }
        }
        for clause in EligibilityText.clauses(exclusion, section: .exclusion) {
            if let node = Self.textNode(clause, compiler: &compiler) { nodes.append(node) }
        }
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
        case .terminated, .completed, .withdrawn: recruitmentBonus = 0
        }
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
                            if alt.exons.isEmpty && alt.protein == nil { t.category = .copyNumber; t.cnv = .homozygousDeletion }
                            else { t.category = .mutation; if alt.protein == nil { t.variantClass = .inFrameDel } }
                        case .insertion: t.category = .mutation; if alt.protein == nil { t.variantClass = .inFrameIns }
                        case .amplification: t.category = .copyNumber; t.cnv = .amplification
                        case .fusion: t.category = .structural
                        case .any: break
                        }
                        if let p = alt.protein { t.protein = ProteinChange.normalise(p); t.proteinRange = t.protein.flatMap(ProteinChange.range) }
                        if let w = alt.wildcard { t.wildcard = ProteinChange.normalise(w) }
                        leaves.append(compiler.leaf(prefix + name + " " + alt.label, .genomic(t), fromText: true))
                    }
                }
                if leaves.count == 1 { nodes.append(.leaf(leaves[0])) }
                else if against { nodes.append(.all(leaves.map(Node.leaf))) }
                else { nodes.append(.any(leaves.map(Node.leaf), label: label)) }
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
                nodes.append(.leaf(compiler.leaf(label, .microsatellite(high: false, negated: against), fromText: true)))
            case .tmb(let n):
                nodes.append(.leaf(compiler.leaf(label, .tmb(Comparison(op: against ? .lt : .ge, value: n)), fromText: true)))
            case .receptor(let name, let positive):
                let receptor = Receptor(rawValue: name) ?? .her2
                receptors.append((receptor, positive, Node.leaf(compiler.leaf(label, .receptor(receptor, positive: positive, negated: against), fromText: true))))
            case .ecog(let n):
                guard !against else { continue }
                nodes.append(.leaf(compiler.leaf(label, .ecog(Comparison(op: .le, value: Double(n))), fromText: true)))
            }
        }
        var combined: [Node] = []
        if nodes.count > 1 && clause.anyOf && !against {
            combined.append(.any(nodes, label: "text: one of " + nodes.map(\.label).map { $0.replacingOccurrences(of: "text: ", with: "") }.joined(separator: " / ")))
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
