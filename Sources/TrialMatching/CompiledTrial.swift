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
        /// Why the arm takes no patients now ("not recruiting", "suspended"); nil when open or unknown. The arm is
        /// evaluated all the same and the match carries this.
        let notOpen: String?

        init(id: String, title: String, node: Node?, notOpen: String? = nil) {
            self.id = id
            self.title = title
            self.node = node
            self.notOpen = notOpen
            program = Program(node)
        }
    }

    let trial: Trial
    let fingerprint: String
    let base: Node
    let baseProgram: Program
    /// Every arm, open or not (eligibility is not recruitment: each carries its accrual into the match).
    let arms: [Arm]
    /// Criteria never evaluated against a case's data (those that need the chart), said in every match.
    let notEvaluatedLines: [CriterionOutcome]
    let hasArms: Bool
    /// Why the trial takes no patients now, for a trial without arms; nil when open or unknown.
    let notOpen: String?
    let recruitmentBonus: Double

    let trialId: String

    init(_ trial: Trial, compiler: inout CriterionCompiler) {
        trialId = trial.id
        self.trial = trial
        fingerprint = trial.fingerprint
        let e = trial.eligibility
        let tree = e.criteria.map { compiler.compile($0) }
        // An arm without a tree of its own: the alterations its name and description require (umbrella trials).
        var armTrees: [String: Node] = [:]
        for arm in trial.arms {
            armTrees[arm.id] =
                arm.criteria.map { compiler.compile($0) } ?? Self.describedArmNode(arm, compiler: &compiler)
        }
        var inclusion = e.inclusionText ?? ""
        var exclusion = e.exclusionText ?? ""
        if exclusion.isEmpty, inclusion.lowercased().contains("exclusion criteria") {
            (inclusion, exclusion) = EligibilityText.sections(of: inclusion)
        }
        let parts = StudyParts(inclusion: inclusion, exclusion: exclusion, arms: trial.arms)
        var reader = TrialTextReader(
            treeLeaves: (tree?.leaves ?? []) + trial.arms.compactMap { armTrees[$0.id] }.flatMap(\.leaves),
            arms: trial.arms)
        let treeGenotype = Self.treeGenotype(parts, arms: trial.arms, trees: armTrees)
        reader.lymphoblastic = (e.conditions + e.diagnoses).contains {
            $0.lowercased().contains("lymphoblastic") || ["BLL", "LNM", "TLL"].contains($0.uppercased())
        }
        let partNodes = Self.partNodes(
            parts, trialId: trial.id, treeGenotype: treeGenotype, reader: &reader, compiler: &compiler)

        let arms = Self.arms(trial, trees: armTrees, parts: parts, partNodes: partNodes)
        var nodes = Self.structuredLeaves(e, compiler: &compiler)
        // Structured fields, unless the trial's tree (or every arm's own criteria) already says the same.
        let covered = Self.covered(tree: tree, arms: arms)
        nodes = nodes.filter { !covered.contains($0.label) }
        if let tree { nodes.append(tree) }
        nodes += reader.read(
            inclusion: parts.commonInclusion, exclusion: parts.commonExclusion, conditions: e.conditions,
            compiler: &compiler)
        nodes += Self.reviewLeaves(trial, armCriteria: !armTrees.isEmpty, compiler: &compiler)

        base = .all(nodes)
        baseProgram = Program(base)
        self.arms = arms
        notEvaluatedLines = reader.chart
        hasArms = !trial.arms.isEmpty
        notOpen = trial.accrual(ofArm: nil).closedWords
        recruitmentBonus = Self.recruitmentBonus(trial.status)
    }

    /// Every arm with its own criteria (its tree and its part's) and its accrual.
    static func arms(
        _ trial: Trial, trees armTrees: [String: Node], parts: StudyParts,
        partNodes: [(nodes: [Node], cohorts: Bool)]
    ) -> [Arm] {
        var arms: [Arm] = []
        for arm in trial.arms {
            let title = "arm \(arm.id)" + (arm.name.isEmpty || arm.name == arm.id ? "" : " (\(arm.name))")
            var own: [Node] = []
            let part = parts.partOfArm[arm.id].map { partNodes[$0] }
            // CTML trees that OR the cohorts together are the curator's summary of them: where the protocol's text
            // lists the part's cohorts, the text decides (it names cohorts and prior therapies the tree leaves out).
            if let tree = armTrees[arm.id] {
                if case .any = tree, part?.cohorts == true {
                } else {
                    own.append(tree)
                }
            }
            own += part?.nodes ?? []
            let node: Node? = own.isEmpty ? nil : own.count == 1 ? own[0] : .all(own)
            arms.append(
                Arm(
                    id: arm.id, title: title, node: node?.prefixed("arm \(arm.id): "),
                    notOpen: trial.accrual(of: arm).closedWords))
        }
        return arms
    }

    /// Labels the trial's tree, or every arm's own criteria, already state.
    static func covered(tree: Node?, arms: [Arm]) -> Set<String> {
        var covered = Set((tree?.leaves ?? []).map(\.label))
        if let first = arms.first {
            let prefixLength = { (arm: Arm) in "arm \(arm.id): ".count }
            var common = Set((first.node?.leaves ?? []).map { String($0.label.dropFirst(prefixLength(first))) })
            for arm in arms.dropFirst() {
                common.formIntersection((arm.node?.leaves ?? []).map { String($0.label.dropFirst(prefixLength(arm))) })
            }
            covered.formUnion(common)
        }
        return covered
    }

    /// Per part: whether an arm of it keeps a CTML tree naming alterations. The tree's exact list then stands for
    /// the text's general words ("an EGFR TKI-sensitizing EGFR mutation (e.g., exon 19 deletion, L858R)").
    static func treeGenotype(_ parts: StudyParts, arms: [TrialArm], trees: [String: Node]) -> [Bool] {
        parts.parts.indices.map { p in
            arms.contains { arm in
                guard parts.partOfArm[arm.id] == p, let tree = trees[arm.id] else { return false }
                if case .any = tree { return false }
                return tree.leaves.contains {
                    if case .genomic = $0.test { return true }
                    return false
                }
            }
        }
    }

    /// The criteria of each part of the study, read with the part's own context (a later part's sentences about
    /// the earlier part; its own ECOG limit).
    static func partNodes(
        _ parts: StudyParts, trialId: String, treeGenotype: [Bool], reader: inout TrialTextReader,
        compiler: inout CriterionCompiler
    ) -> [(nodes: [Node], cohorts: Bool)] {
        let first = parts.parts.compactMap(\.number).min()
        return zip(parts.parts, treeGenotype).map { part, treeGenotype in
            var partReader = reader
            if let n = part.number, let first, n > first, let kind = part.key.split(separator: " ").first {
                partReader.laterPart = (trialId, String(kind), n - 1)
            }
            let result = partReader.partNodes(part, readGenotype: !treeGenotype, compiler: &compiler)
            reader.adoptChart(of: partReader)
            return result
        }
    }

    /// A record with nothing to evaluate never makes a case eligible: at most "possibly eligible", with the reason
    /// as an unknown criterion the screener settles. Nothing to evaluate is no eligibility section at all: no
    /// criteria tree, no inclusion or exclusion text, no age or sex limit, and no arm with criteria of its own or
    /// in its description (a record cut short; the registry's conditions alone are not eligibility). A registry
    /// record (no curated tree) that lists no arms cannot say which treatment the case would enter, so it needs
    /// review too; a curated tree (CTML, native) without arms stands on its own.
    static func reviewLeaves(_ trial: Trial, armCriteria: Bool, compiler: inout CriterionCompiler) -> [Node] {
        let e = trial.eligibility
        let blank = { (text: String?) in (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        var leaves: [Leaf] = []
        if e.criteria == nil, blank(e.inclusionText), blank(e.exclusionText), e.minimumAge == nil,
            e.maximumAge == nil, e.sex == nil || e.sex == .unknown, !armCriteria
        {
            leaves.append(
                compiler.leaf(
                    "needs review: the trial's record has no eligibility criteria",
                    .unsupported(missing: "the trial's eligibility criteria (none in the imported record)")))
        }
        if e.criteria == nil, trial.arms.isEmpty {
            leaves.append(
                compiler.leaf(
                    "needs review: the trial's record lists no arms",
                    .unsupported(missing: "the trial's arms (none in the imported record)")))
        }
        return leaves.map(Node.leaf)
    }

    /// Age, sex, diagnoses (or registry conditions through the crosswalk) and the patient being alive.
    static func structuredLeaves(_ e: Eligibility, compiler: inout CriterionCompiler) -> [Node] {
        var structured: [Leaf] = []
        // Every trial is for living patients: a record that states death rules the patient out (issue 12).
        structured.append(compiler.leaf("patient alive", .alive))
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
        return structured.map(Node.leaf)
    }

    /// How much an open trial's status adds to its rank.
    static func recruitmentBonus(_ status: RecruitmentStatus) -> Double {
        switch status {
        case .recruiting: 20
        case .enrollingByInvitation, .notYetRecruiting: 12
        case .activeNotRecruiting: 4
        case .suspended, .unknown: 2
        case .available: 12
        case .temporarilyNotAvailable: 2
        case .terminated, .completed, .withdrawn, .noLongerAvailable, .approvedForMarketing, .withheld: 0
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
        var receptors: [ReceptorNode] = []
        for mention in clause.mentions {
            let label = prefix + mention.label
            switch mention {
            case .alteration(let names, let alternatives):
                nodes.append(
                    alterationNode(
                        names: names, alternatives: alternatives, prefix: prefix, label: label, against: against,
                        compiler: &compiler))
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
                let leaf = compiler.leaf(
                    label, .receptor(receptor, positive: positive, negated: against), fromText: true)
                receptors.append(ReceptorNode(receptor: receptor, positive: positive, node: .leaf(leaf)))
            case .ecog(let n):
                guard !against else { continue }
                nodes.append(.leaf(compiler.leaf(label, .ecog(Comparison(op: .le, value: Double(n))), fromText: true)))
            }
        }
        return combined(nodes, receptors: receptors, anyOf: clause.anyOf, against: against)
    }

    /// A receptor named in a sentence, kept apart until the sentence is read: "ER+ and/or PR+" pair up.
    struct ReceptorNode {
        var receptor: Receptor
        var positive: Bool
        var node: Node
    }

    /// One gene alteration sentence ("EGFR exon 19 deletion or L858R"): a leaf per gene and alternative; any of
    /// them qualifies, and for an exclusion every one must be absent.
    static func alterationNode(
        names: [String], alternatives: [EligibilityText.Alteration], prefix: String, label: String, against: Bool,
        compiler: inout CriterionCompiler
    ) -> Node {
        var leaves: [Leaf] = []
        for name in names {
            let id = compiler.genes.intern(name)
            for alternative in alternatives {
                let test = genomicTest(gene: name, id: id, alternative: alternative, absent: against)
                leaves.append(compiler.leaf(prefix + name + " " + alternative.label, .genomic(test), fromText: true))
            }
        }
        if leaves.count == 1 { return .leaf(leaves[0]) }
        return against ? .all(leaves.map(Node.leaf)) : .any(leaves.map(Node.leaf), label: label)
    }

    /// The genomic test one alternative of a gene stands for: a deletion without exon or protein is a homozygous
    /// deletion, with one an in-frame deletion (or the named protein change).
    static func genomicTest(gene: String, id: Int, alternative alt: EligibilityText.Alteration, absent: Bool)
        -> GenomicTest
    {
        var t = GenomicTest()
        t.genes = [gene]
        t.geneIds = [id]
        t.absent = absent
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
        return t
    }

    /// A sentence's nodes as one: "one of" when the sentence says so, else all of them. "ER+ and/or PR+" reads as
    /// hormone-receptor positive (either); HER2 always stands alone.
    static func combined(_ nodes: [Node], receptors: [ReceptorNode], anyOf: Bool, against: Bool) -> Node? {
        var combined: [Node] = []
        if nodes.count > 1 && anyOf && !against {
            combined.append(
                .any(
                    nodes,
                    label: "text: one of "
                        + nodes.map(\.label).map { $0.replacingOccurrences(of: "text: ", with: "") }.joined(
                            separator: " / ")))
        } else {
            combined += nodes
        }
        let hormone = receptors.filter { $0.receptor != .her2 && $0.positive && !against }
        if hormone.count == 2 {
            combined.append(.any(hormone.map(\.node), label: "text: ER positive or PR positive"))
            combined += receptors.filter { !($0.receptor != .her2 && $0.positive) }.map(\.node)
        } else {
            combined += receptors.map(\.node)
        }
        guard !combined.isEmpty else { return nil }
        return combined.count == 1 ? combined[0] : .all(combined)
    }
}
