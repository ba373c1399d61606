import BoardModel
import Foundation

/// Which cases can have a stored match against an engine's trials, read from `CaseFacts` (OncoTree code, genes,
/// tumour profile) instead of the whole case: what lets adding one trial to a 100,000-case board re-match only the
/// cases that trial can concern.
///
/// A stored match (the `.relevant` selection) is a trial decided eligible or possibly eligible, or a near miss: not
/// eligible, but a criterion of the patient's own tumour type or alteration was met. For each trial the gate keeps:
/// - what its decision needs to be other than "not eligible": the criteria that come out "not met" from the facts
///   alone (an alteration requirement without the gene in a profiled tumour, a diagnosis outside the named ones),
///   combined as the trial's tree and arms combine them; every other criterion is taken as possibly met;
/// - what can make it a near miss: a gene its alteration criteria name, a tumour type its diagnosis criteria name,
///   a biomarker finding when a TMB/MSI/MMR criterion, or an ERBB2 one (a HER2 test), can credit one.
/// A case passes when either holds for some trial. The gate errs only towards admitting.
public struct TrialGate: CaseNarrowing {
    /// A condition on the facts, as the matcher's three-valued tree would leave it open.
    indirect enum Need: Sendable {
        case always
        /// An alteration of one of these genes, or no tumour profile (then the criterion is unknown).
        case genes(Set<Int>)
        /// A diagnosis leaf (not negated): met or unknown for these targets.
        case diagnosis([DiagnosisTarget])
        case all([Need])
        case any([Need])
    }

    let needs: [Need]
    /// Genes of every alteration requirement (not exclusions), trial by trial merged.
    let nearMissGenes: Set<Int>
    /// OncoTree codes whose subtree makes a diagnosis criterion specifically met.
    let nearMissCodes: Set<String>
    public let readsBiomarkers: Bool
    let genes: GeneTable
    let tree: OncoTree

    init(_ compiled: [CompiledTrial], genes: GeneTable, tree: OncoTree) {
        var needs: [Need] = []
        var nearGenes = Set<Int>()
        var nearCodes = Set<String>()
        var biomarkers = false
        // A HER2 test result (a biomarker finding, no gene) reads on ERBB2 criteria (`MolecularReading.her2Positive`).
        let erbb2 = genes.id("ERBB2")
        for trial in compiled {
            let base = Self.need(trial.base)
            if !trial.hasArms {
                needs.append(base)
            } else if !trial.arms.isEmpty {
                needs.append(.all([base, .any(trial.arms.map { $0.node.map(Self.need) ?? .always })]))
            }
            for leaf in trial.base.leaves + trial.arms.flatMap({ $0.node?.leaves ?? [] }) {
                switch leaf.test {
                case .genomic(let t) where !t.absent:
                    nearGenes.formUnion(t.geneIds)
                    if let erbb2, t.geneIds.contains(erbb2) { biomarkers = true }
                case .diagnosis(let targets, negated: false):
                    for case .code(let code) in targets { nearCodes.insert(code) }
                case .tmb, .microsatellite, .mmr: biomarkers = true
                default: break
                }
            }
        }
        self.needs = needs
        nearMissGenes = nearGenes
        nearMissCodes = nearCodes
        readsBiomarkers = biomarkers
        self.genes = genes
        self.tree = tree
    }

    static func need(_ node: Node) -> Need {
        switch node {
        case .all(let nodes): .all(nodes.map(need))
        case .any(let nodes, _): .any(nodes.map(need))
        case .leaf(let leaf):
            switch leaf.test {
            case .genomic(let t) where !t.absent: .genes(Set(t.geneIds))
            case .diagnosis(let targets, negated: false): .diagnosis(targets)
            default: .always
            }
        }
    }

    public func genesOfInterest(_ spelling: String) -> Bool {
        guard let id = genes.id(spelling) else { return false }
        return nearMissGenes.contains(id) || needs.contains { Self.names(id, $0) }
    }

    static func names(_ id: Int, _ need: Need) -> Bool {
        switch need {
        case .always, .diagnosis: false
        case .genes(let ids): ids.contains(id)
        case .all(let needs), .any(let needs): needs.contains { names(id, $0) }
        }
    }

    public func admits(_ facts: CaseFacts) -> Bool {
        let view = FactsView(facts, genes: genes, tree: tree)
        if facts.biomarkers && readsBiomarkers { return true }
        if view.geneIds.contains(where: nearMissGenes.contains) || facts.partners { return true }
        if view.known, view.chain.contains(where: nearMissCodes.contains) { return true }
        return needs.contains { view.holds($0) }
    }

    /// The facts as the matcher reads them: gene ids through the engine's table, the diagnosis' OncoTree chain.
    struct FactsView {
        let geneIds: Set<Int>
        let profiled: Bool
        let partners: Bool
        /// The code is OncoTree's (else diagnosis criteria are unknown).
        let known: Bool
        let chain: [String]
        let solid: Bool
        let liquid: Bool

        init(_ facts: CaseFacts, genes: GeneTable, tree: OncoTree) {
            geneIds = Set(facts.genes.compactMap { genes.id($0) })
            profiled = facts.tumourProfile
            partners = facts.partners
            let code = facts.oncotreeCode?.uppercased()
            if let code, tree.node(code) != nil {
                known = true
                chain = tree.ancestors(of: code)
                solid = tree.isWithin(code, "_SOLID_")
                liquid = tree.isWithin(code, "_LIQUID_")
            } else {
                known = false
                chain = []
                solid = false
                liquid = false
            }
        }

        func holds(_ need: Need) -> Bool {
            switch need {
            case .always: return true
            case .genes(let ids): return !profiled || partners || geneIds.contains(where: ids.contains)
            case .diagnosis(let targets):
                guard known else { return true }
                return targets.contains { target in
                    switch target {
                    case .code(let code): chain.contains(code)
                    case .solid: solid
                    case .liquid: liquid
                    case .unmapped: true
                    }
                }
            case .all(let needs): return needs.allSatisfy(holds)
            case .any(let needs): return needs.contains(where: holds)
            }
        }
    }
}

extension MatchEngine {
    /// The gate of these trials: which cases can have a stored match against them (see `TrialGate`).
    public var gate: TrialGate { TrialGate(compiled, genes: genes, tree: tree) }
}

extension MatchEngine {
    /// Whether findings of this gene (as the store spells it) can change a match against these trials: a gene their
    /// criteria name (or another symbol of it), or ERBB2, whose amplification is also read as a HER2-positive result.
    public func readsGene(_ spelling: String) -> Bool {
        genes.id(spelling) != nil || spelling.uppercased() == "ERBB2"
    }
}
