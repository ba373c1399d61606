import BoardModel
import Foundation

/// What a case's findings say for matching: TMB, MSI/MMR, receptor states and the alterations grouped by gene
/// (read once per case by `CaseIndex`).
struct MolecularReading {
    typealias Tri = CaseIndex.Tri
    typealias MSI = CaseIndex.MSI
    typealias Alteration = CaseIndex.Alteration
    typealias Significance = CaseIndex.Significance

    let tmb: Double?
    let tmbText: String
    let msi: MSI
    let mmr: Tri
    let msiText: String
    let er: Tri, pr: Tri, her2: Tri
    let erText: String, prText: String, her2Text: String
    let alterations: [Alteration]
    let byGene: [Int: Range<Int>]
    let geneOrder: [Int]

    init(_ findings: [Finding], genes: GeneTable) {
        var tmb: Double?
        var tmbText = "TMB not reported"
        var msi = MSI.unknown
        var mmr = Tri.unknown
        var msiParts: [String] = []
        var er = Tri.unknown
        var pr = Tri.unknown
        var her2 = Tri.unknown
        var erText = "ER not reported"
        var prText = "PR not reported"
        var her2Text = "HER2 not reported"
        var alterations: [Alteration] = []
        var byGene: [Int: [Int]] = [:]
        for (i, f) in findings.enumerated() {
            if f.kind == .biomarker, let b = f.biomarker {
                let status = (b.status ?? "").lowercased()
                let name = (b.name ?? "").uppercased()
                switch b.kind {
                case .tmb:
                    if let v = b.value {
                        tmb = v
                        tmbText = f.label
                    } else if status.contains("high") {
                        tmbText = f.label
                    }
                case .msi:
                    if status.contains("msi-h") || status.contains("high") {
                        msi = .high
                    } else if status.contains("msi-l") || status.contains("low") {
                        msi = .low
                    } else if status.contains("mss") || status.contains("stable") {
                        msi = .stable
                    }
                    msiParts.append(f.label)
                case .other, .pdl1, .hrd:
                    if name.hasPrefix("MMR") || name.contains("MISMATCH") {
                        if status.contains("defici") || status.contains("loss") || status.hasPrefix("d") {
                            mmr = .positive
                        } else if status.contains("profici") || status.contains("intact") || status.hasPrefix("p") {
                            mmr = .negative
                        }
                        msiParts.append(f.label)
                    } else if let receptor = CaseIndex.receptor(name) {
                        let state = CaseIndex.receptorState(status, her2: receptor == "HER2")
                        switch receptor {
                        case "ER":
                            er = state
                            erText = f.label
                        case "PR":
                            pr = state
                            prText = f.label
                        default:
                            if her2 != .positive {
                                her2 = state
                                her2Text = f.label
                            }
                        }
                    }
                }
                continue
            }
            var ids: [Int] = []
            for g in [f.gene] + (f.partners ?? []).map(Optional.some) {
                if let g, let id = genes.id(g), !ids.contains(id) { ids.append(id) }
            }
            let category = VariantCategory(f.kind)
            var significance: Significance
            switch f.classification {
            case .oncogenic?, .likelyOncogenic?, .pathogenic?, .likelyPathogenic?: significance = .actionable
            case .vus?: significance = .vus
            case .benign?, .likelyBenign?: significance = .benign
            case nil: significance = f.bestEvidence == nil ? .unclassified : .actionable
            }
            if f.kind == .copyNumber, f.gene?.uppercased() == "ERBB2", f.copyNumberCall == .amplification {
                her2 = .positive
                her2Text = f.label
            }
            guard !ids.isEmpty, significance != .benign else { continue }
            // A germline variant settles an alteration criterion only when classified pathogenic; an
            // unclassified germline call (a common polymorphism such as KDR p.Q472H) is weighed like a
            // variant of uncertain significance: it leaves the criterion open, never meets it.
            if f.origin == .germline && (significance != .actionable || f.classification == nil) { significance = .vus }
            // A variant with no protein change, no classification and no evidence states no effect: it cannot meet
            // an alteration requirement by itself.
            if f.kind == .snv || f.kind == .indel, f.hgvsP == nil, f.classification == nil, f.bestEvidence == nil {
                significance = .unassessed
            }
            let exon = f.exon.flatMap(CaseIndex.exonNumber)
            let alteration = Alteration(
                findingIndex: i, category: category, protein: f.hgvsP.map(ProteinChange.normalise),
                exon: exon, variantClass: VariantClass.of(f), cnv: f.copyNumberCall.map(CNVCall.init),
                geneIds: ids, significance: significance, evidenceTier: f.bestTreatmentOption?.level.tier ?? 5)
            for id in ids { byGene[id, default: []].append(alterations.count) }
            alterations.append(alteration)
        }
        if mmr == .unknown, msi == .high { mmr = .positive }
        self.tmb = tmb
        self.tmbText = tmbText
        self.msi = msi
        self.mmr = mmr
        self.msiText = msiParts.isEmpty ? "MSI/MMR not reported" : msiParts.joined(separator: "; ")
        self.er = er
        self.pr = pr
        self.her2 = her2
        self.erText = erText
        self.prText = prText
        self.her2Text = her2Text
        self.alterations = alterations
        var order: [Int] = []
        var ranges: [Int: Range<Int>] = [:]
        for (gene, list) in byGene {
            ranges[gene] = order.count..<(order.count + list.count)
            order += list
        }
        self.byGene = ranges
        self.geneOrder = order
    }
}
