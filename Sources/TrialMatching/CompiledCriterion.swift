import BoardModel
import Foundation

/// ER, PR and HER2 status criteria.
enum Receptor: String, Sendable {
    case er = "ER"
    case pr = "PR"
    case her2 = "HER2"
}

/// An eligibility tree compiled once per trial: CTML and/or nodes, and leaves whose labels and
/// "not found" texts are built ahead, so that evaluating a case allocates nothing unless explained.
indirect enum Node: Sendable {
    case all([Node])
    /// Alternatives, with a precomputed summary label ("one of: KRAS G12 / KRAS G13").
    case any([Node], label: String)
    case leaf(Leaf)

    var leaves: [Leaf] {
        switch self {
        case .all(let nodes), .any(let nodes, _): nodes.flatMap(\.leaves)
        case .leaf(let leaf): [leaf]
        }
    }

    /// The tree with every label prefixed (built once at compile time, so explaining allocates no labels).
    func prefixed(_ prefix: String) -> Node {
        switch self {
        case .leaf(let leaf): .leaf(leaf.relabelled(prefix))
        case .all(let nodes): .all(nodes.map { $0.prefixed(prefix) })
        case .any(let nodes, let label): .any(nodes.map { $0.prefixed(prefix) }, label: prefix + label)
        }
    }

    var isEmpty: Bool {
        if case .all(let nodes) = self { return nodes.isEmpty }
        return false
    }

    var label: String {
        switch self {
        case .leaf(let leaf): leaf.label
        case .any(_, let label): label
        case .all(let nodes): nodes.map(\.label).joined(separator: " and ")
        }
    }
}

/// One checkable condition, with the texts its explanation uses built ahead (a class, so that
/// walking a tree retains one reference per leaf instead of copying strings).
final class Leaf: Sendable {
    /// Identical conditions across trials share an id, so a case evaluates each only once.
    let id: Int
    let label: String
    let test: Test
    /// Taken from the registry's free text, not from structured fields.
    let fromText: Bool
    /// Prior treatment: "received osimertinib" / "osimertinib not in the recorded lines".
    let receivedText: String
    let notReceivedText: String
    /// Genomic: what would settle it when the case has no molecular results.
    let noProfileMissing: String

    init(id: Int, label: String, test: Test, fromText: Bool = false) {
        self.id = id
        self.label = label
        self.test = test
        self.fromText = fromText
        if case .priorTreatment(_, let display, _) = test {
            receivedText = "received \(display)"
            notReceivedText = "\(display) not in the recorded lines"
        } else if case .latestTreatment(_, let display) = test {
            receivedText = "the most recent line holds \(display)"
            notReceivedText = "the most recent line holds no \(display)"
        } else {
            receivedText = ""
            notReceivedText = ""
        }
        if case .genomic(let g) = test {
            noProfileMissing = "a molecular profile (NGS) covering \(g.genes.joined(separator: "/"))"
        } else {
            noProfileMissing = ""
        }
    }

    /// The same condition under another label (arm leaves are labelled "arm A: …").
    func relabelled(_ prefix: String) -> Leaf { Leaf(id: id, label: prefix + label, test: test, fromText: fromText) }
}

/// What a leaf checks. Negated tests are met when the positive condition is not.
enum Test: Sendable {
    case age(Comparison)
    case sex(Sex)
    case diagnosis([DiagnosisTarget], negated: Bool)
    case ecog(Comparison)
    case tmb(Comparison)
    /// MSI-H (dMMR counts) when `high`, else microsatellite-stable (pMMR counts).
    case microsatellite(high: Bool, negated: Bool)
    case mmr(deficient: Bool, negated: Bool)
    case receptor(Receptor, positive: Bool, negated: Bool)
    case priorTreatment(names: [String], display: String, negated: Bool)
    /// Minimal residual disease at or above a level (a fraction: 10^-3 is 0.001).
    case mrd(Comparison)
    /// Complete remission after at least this many lines (blocks) of therapy.
    case remission(lines: Int)
    /// The most recent line of therapy holds one of these drugs.
    case latestTreatment(names: [String], display: String)
    case genomic(GenomicTest)
    /// CTML disease_status ("Advanced", "Metastatic"): met by a stage IV / M1 case, else unknown.
    case diseaseStatus([String], groups: [DiseaseGroup])
    /// A condition the engine cannot check against case data: always unknown.
    case unsupported(missing: String)
    /// Stage levels (bits 1 << 1 … 1 << 4 for I … IV) that meet, and those that leave it open.
    case stage(yes: UInt8, maybe: UInt8)
    /// The number of prior lines of therapy for advanced or metastatic disease.
    case advancedLines(Comparison)
    /// The patient is alive: not met when the record states death, met otherwise (said so).
    case alive
}

/// A diagnosis a trial admits: an OncoTree code (its subtree counts), any solid or liquid tumour,
/// or a name that could not be mapped to OncoTree.
enum DiagnosisTarget: Sendable, Hashable {
    case code(String)
    case solid
    case liquid
    case unmapped(String)

    var label: String {
        switch self {
        case .code(let code): "\(code) (\(OncoTree.bundled.name(of: code) ?? code))"
        case .solid: "any solid tumour"
        case .liquid: "any liquid tumour"
        case .unmapped(let name): "\"\(name)\" (not mapped to OncoTree)"
        }
    }

    /// Resolves a CTML diagnosis value (OncoTree name, code, `_SOLID_`/`_LIQUID_`) or a registry condition.
    static func resolve(_ value: String, tree: OncoTree) -> DiagnosisTarget {
        let v = value.trimmingCharacters(in: .whitespaces)
        switch v.uppercased() {
        case "_SOLID_", "ALL SOLID TUMORS", "SOLID TUMOR", "SOLID TUMOUR", "SOLID TUMORS", "SOLID TUMOURS":
            return .solid
        case "_LIQUID_", "ALL LIQUID TUMORS", "HEMATOLOGIC MALIGNANCY", "HAEMATOLOGICAL MALIGNANCY": return .liquid
        default: break
        }
        if tree.node(v) != nil { return .code(v.uppercased()) }
        if let code = tree.code(forName: v) { return .code(code) }
        if let code = TrialConditionCrosswalk.code(for: v, tree: tree) {
            return code == "_SOLID_" ? .solid : code == "_LIQUID_" ? .liquid : .code(code)
        }
        let lower = v.lowercased()
        for suffix in [
            " cancer", " carcinoma", " tumor", " tumour", " tumors", " tumours", " neoplasm", " neoplasms", " cancers",
        ] where lower.hasSuffix(suffix) {
            let stem = String(v.dropLast(suffix.count))
            if let code = tree.code(forName: stem) { return .code(code) }
            if let code = tissueCode(stem, tree: tree) { return .code(code) }
        }
        if let code = tissueCode(v, tree: tree) { return .code(code) }
        return .unmapped(v)
    }

    /// A tissue-level node whose name starts with the words given ("Ovary" → OVARY, "Ovary/Fallopian Tube").
    private static func tissueCode(_ stem: String, tree: OncoTree) -> String? {
        let s = stem.lowercased()
        guard s.count >= 4 else { return nil }
        return tree.nodes.values.filter {
            $0.parent == nil && ($0.name.lowercased() == s || $0.name.lowercased().hasPrefix(s + "/"))
        }
        .map(\.code).sorted().first
    }
}

/// A CTML disease status that names a diagnosis group ("Multiple Myeloma", "Advanced Solid Tumors"), read
/// through the condition crosswalk; `advanced` when the status also asks for advanced disease.
struct DiseaseGroup: Sendable {
    let target: DiagnosisTarget
    let advanced: Bool

    init?(_ status: String, tree: OncoTree) {
        let target = DiagnosisTarget.resolve(status, tree: tree)
        if case .unmapped = target { return nil }
        self.target = target
        let lower = status.lowercased()
        advanced = lower.contains("advanced") || lower.contains("metasta")
    }
}

/// A CTML genomic node, compiled: each field optional, each possibly negated.
struct GenomicTest: Sendable {
    var geneIds: [Int] = []
    var genes: [String] = []
    /// `!GENE`: met when the patient has no such alteration.
    var absent = false
    var category: VariantCategory?
    var protein: String?
    /// `protein` when it is a residue range without residues ("729_761del"), read once.
    var proteinRange: (lower: Int, upper: Int, kind: String)?
    var proteinNegated = false
    var wildcard: String?
    var wildcardNegated = false
    var variantClass: VariantClass?
    var variantClassNegated = false
    var exons: [Int] = []
    var exonNegated = false
    var cnv: CNVCall?
    var cnvNegated = false
    var partnerId: Int?
    var partnerNegated = false
    /// Whether the criterion names the exact change (a VUS then still counts).
    var isSpecific: Bool { protein != nil || wildcard != nil }

    /// "KRAS p.G12C mutation", "EGFR exon 19 In_Frame_Del", "ERBB2 amplification".
    func describe(partner: String?) -> String {
        var parts: [String] = [genes.joined(separator: "/")]
        if let protein { parts.append((proteinNegated ? "not " : "") + "p." + protein) }
        if let wildcard { parts.append((wildcardNegated ? "not " : "") + "p." + wildcard + "*") }
        if !exons.isEmpty {
            parts.append((exonNegated ? "not " : "") + "exon " + exons.map(String.init).joined(separator: "/"))
        }
        if let variantClass { parts.append((variantClassNegated ? "not " : "") + variantClass.rawValue) }
        if let partner { parts.append((partnerNegated ? "not with " : "with ") + partner) }
        if let cnv {
            parts.append((cnvNegated ? "not " : "") + cnv.label)
        } else if let category, protein == nil, wildcard == nil, variantClass == nil {
            parts.append(category.noun)
        } else if category == nil && protein == nil && wildcard == nil && exons.isEmpty {
            parts.append("alteration")
        }
        return parts.joined(separator: " ")
    }
}

/// Compiles CTML-shaped `Criterion` trees, interning identical leaves across trials.
struct CriterionCompiler {
    var genes: GeneTable
    let tree: OncoTree
    /// Every distinct leaf, by id.
    private(set) var leaves: [Leaf] = []
    private var leafIds: [String: Int] = [:]

    init(genes: GeneTable, tree: OncoTree) {
        self.genes = genes
        self.tree = tree
    }

    /// The leaf for a condition; the label (with the text flag) identifies the condition.
    mutating func leaf(_ label: String, _ test: Test, fromText: Bool = false) -> Leaf {
        let key = (fromText ? "t|" : "s|") + label
        if let id = leafIds[key] { return leaves[id] }
        let leaf = Leaf(id: leaves.count, label: label, test: test, fromText: fromText)
        leafIds[key] = leaf.id
        leaves.append(leaf)
        return leaf
    }

    static func split(_ value: String) -> (String, Bool) {
        let v = value.trimmingCharacters(in: .whitespaces)
        return v.hasPrefix("!") ? (String(v.dropFirst()).trimmingCharacters(in: .whitespaces), true) : (v, false)
    }

    mutating func compile(_ criterion: Criterion) -> Node {
        switch criterion {
        case .all(let list):
            return .all(list.map { compile($0) })
        case .any(let list):
            let nodes = list.map { compile($0) }
            if nodes.count == 1 { return nodes[0] }
            return .any(nodes, label: "one of: " + nodes.map(\.label).joined(separator: " / "))
        case .clinical(let c):
            let leaves = clinical(c)
            return leaves.count == 1 ? .leaf(leaves[0]) : .all(leaves.map(Node.leaf))
        case .genomic(let g):
            let leaves = genomic(g)
            return leaves.count == 1 ? .leaf(leaves[0]) : .all(leaves.map(Node.leaf))
        }
    }

    mutating func clinical(_ c: ClinicalCriterion) -> [Leaf] {
        var leaves: [Leaf] = []
        if let value = c.oncotreePrimaryDiagnosis {
            let (name, negated) = Self.split(value)
            leaves.append(diagnosisLeaf([DiagnosisTarget.resolve(name, tree: tree)], negated: negated))
        }
        if let value = c.ageNumerical, let cmp = Comparison(value) {
            leaves.append(leaf("age \(cmp.label)", .age(cmp)))
        }
        if let value = c.gender {
            let (name, negated) = Self.split(value)
            let sex = Sex(rawValue: name.lowercased()) ?? .unknown
            if sex == .female || sex == .male {
                let wanted: Sex = negated ? (sex == .female ? .male : .female) : sex
                leaves.append(leaf("sex \(wanted.rawValue)", .sex(wanted)))
            }
        }
        if let value = c.ecog, let cmp = Comparison(value) {
            leaves.append(leaf("ECOG \(cmp.label)", .ecog(cmp)))
        }
        if let value = c.tmbNumerical, let cmp = Comparison(value) {
            leaves.append(leaf("TMB \(cmp.label) mut/Mb", .tmb(cmp)))
        }
        for (value, receptor) in [(c.erStatus, Receptor.er), (c.prStatus, .pr), (c.her2Status, .her2)] {
            guard let value else { continue }
            let (status, negated) = Self.split(value)
            let positive = !status.lowercased().hasPrefix("neg")
            let shown = (negated ? "not " : "") + receptor.rawValue + (positive ? " positive" : " negative")
            leaves.append(leaf(shown, .receptor(receptor, positive: positive, negated: negated)))
        }
        if let value = c.priorTreatment {
            let (drug, negated) = Self.split(value)
            leaves.append(
                leaf(
                    (negated ? "no prior " : "prior ") + drug,
                    .priorTreatment(names: DrugClass.expand(drug), display: drug, negated: negated)))
        }
        if let statuses = c.diseaseStatus, !statuses.isEmpty {
            leaves.append(
                leaf(
                    "disease status " + statuses.joined(separator: " or "),
                    .diseaseStatus(statuses, groups: statuses.compactMap { DiseaseGroup($0, tree: tree) })))
        }
        return leaves
    }

    mutating func diagnosisLeaf(_ targets: [DiagnosisTarget], negated: Bool) -> Leaf {
        let list = targets.map(\.label)
        let joined =
            list.count <= 1 ? (list.first ?? "") : list.dropLast().joined(separator: ", ") + " or " + list.last!
        return leaf(
            (negated ? "diagnosis not within " : "diagnosis within ") + joined, .diagnosis(targets, negated: negated))
    }

    mutating func genomic(_ g: GenomicCriterion) -> [Leaf] {
        var leaves = statusLeaves(g)
        guard let symbol = g.hugoSymbol else {
            if leaves.isEmpty, g.variantCategory != nil {
                leaves.append(
                    leaf(
                        "signature \(g.variantCategory ?? "")",
                        .unsupported(missing: "signature \(g.variantCategory ?? "")")))
            }
            return leaves
        }
        let (test, partner) = geneTest(g, symbol: symbol)
        let what = test.describe(partner: partner)
        let label = g.wildtype == true ? "\(test.genes[0]) wild-type" : (test.absent ? "no \(what)" : what)
        leaves.append(leaf(label, .genomic(test)))
        return leaves
    }

    /// Microsatellite and mismatch-repair status, each its own leaf (MSI-H stands for dMMR and the reverse).
    private mutating func statusLeaves(_ g: GenomicCriterion) -> [Leaf] {
        var leaves: [Leaf] = []
        if let value = g.msStatus {
            let (status, negated) = Self.split(value)
            let high = status.uppercased().hasPrefix("MSI-H") || status.lowercased().contains("high")
            leaves.append(
                leaf(
                    (negated ? "not " : "") + (high ? "MSI-H (or dMMR)" : "microsatellite stable (or pMMR)"),
                    .microsatellite(high: high, negated: negated)))
        }
        if let value = g.mmrStatus {
            let (status, negated) = Self.split(value)
            let deficient = status.lowercased().hasPrefix("d") || status.lowercased().contains("defici")
            leaves.append(
                leaf(
                    (negated ? "not " : "") + (deficient ? "MMR deficient (or MSI-H)" : "MMR proficient (or MSS)"),
                    .mmr(deficient: deficient, negated: negated)))
        }
        return leaves
    }

    /// The test of one gene's alterations, with the fusion partner it names. MatchMiner: a genomic node with any
    /// `!`-negated value is an exclusion of the whole node — the patient qualifies when no alteration matches the
    /// node's values read without their `!`.
    private mutating func geneTest(_ g: GenomicCriterion, symbol: String) -> (GenomicTest, partner: String?) {
        var test = GenomicTest()
        let (gene, geneNegated) = Self.split(symbol)
        let values = [
            symbol, g.variantCategory, g.proteinChange, g.wildcardProteinChange, g.variantClassification,
            g.exon, g.cnvCall, g.fusionPartnerHugoSymbol,
        ]
        let nodeNegated = values.contains { $0.map { Self.split($0).1 } ?? false }
        let absent = geneNegated || nodeNegated
        test.genes = [GeneTable.canonical(gene)]
        test.geneIds = [genes.intern(gene)]
        test.absent = absent || g.wildtype == true
        test.category = g.variantCategory.flatMap { VariantCategory(ctml: Self.split($0).0) }
        if let value = g.proteinChange {
            let (change, negated) = Self.split(value)
            test.protein = ProteinChange.normalise(change)
            test.proteinRange = test.protein.flatMap(ProteinChange.range)
            test.proteinNegated = negated && !nodeNegated
        }
        if let value = g.wildcardProteinChange {
            let (change, negated) = Self.split(value)
            test.wildcard = ProteinChange.normalise(change)
            test.wildcardNegated = negated && !nodeNegated
        }
        if let value = g.variantClassification {
            let (name, negated) = Self.split(value)
            test.variantClass = VariantClass(maf: name)
            test.variantClassNegated = negated && !nodeNegated
        }
        if let value = g.exon {
            let (text, negated) = Self.split(value)
            test.exons = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            test.exonNegated = negated && !nodeNegated
        }
        if let value = g.cnvCall {
            let (call, negated) = Self.split(value)
            test.cnv = CNVCall(ctml: call)
            test.cnvNegated = negated && !nodeNegated
            if test.category == nil { test.category = .copyNumber }
        }
        var partner: String?
        if let value = g.fusionPartnerHugoSymbol {
            let (name, negated) = Self.split(value)
            partner = GeneTable.canonical(name)
            test.partnerId = genes.intern(name)
            test.partnerNegated = negated && !nodeNegated
            if test.category == nil { test.category = .structural }
        }
        return (test, partner)
    }
}
