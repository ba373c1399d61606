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
        var markers = Biomarkers()
        var alterations: [Alteration] = []
        var byGene: [Int: [Int]] = [:]
        for (i, f) in findings.enumerated() {
            if f.kind == .biomarker, let b = f.biomarker {
                markers.read(b, label: f.label)
                if let amplification = Self.her2Positive(b, at: i, genes: genes) {
                    for id in amplification.geneIds { byGene[id, default: []].append(alterations.count) }
                    alterations.append(amplification)
                }
                continue
            }
            if f.kind == .copyNumber, f.gene?.uppercased() == "ERBB2", f.copyNumberCall == .amplification {
                markers.her2 = .positive
                markers.her2Text = f.label
            }
            guard let alteration = Self.alteration(f, at: i, genes: genes) else { continue }
            for id in alteration.geneIds { byGene[id, default: []].append(alterations.count) }
            alterations.append(alteration)
        }
        if markers.mmr == .unknown, markers.msi == .high { markers.mmr = .positive }
        self.tmb = markers.tmb
        self.tmbText = markers.tmbText
        self.msi = markers.msi
        self.mmr = markers.mmr
        self.msiText = markers.msiParts.isEmpty ? "MSI/MMR not reported" : markers.msiParts.joined(separator: "; ")
        self.er = markers.er
        self.pr = markers.pr
        self.her2 = markers.her2
        self.erText = markers.erText
        self.prText = markers.prText
        self.her2Text = markers.her2Text
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

    /// The biomarker findings read so far: the last TMB value, MSI and MMR status, and the receptors.
    struct Biomarkers {
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

        mutating func read(_ b: Biomarker, label: String) {
            let status = (b.status ?? "").lowercased()
            let name = (b.name ?? "").uppercased()
            switch b.kind {
            case .tmb:
                if let v = b.value {
                    tmb = v
                    tmbText = label
                } else if status.contains("high") {
                    tmbText = label
                }
            case .msi:
                if status.contains("msi-h") || status.contains("high") {
                    msi = .high
                } else if status.contains("msi-l") || status.contains("low") {
                    msi = .low
                } else if status.contains("mss") || status.contains("stable") {
                    msi = .stable
                }
                msiParts.append(label)
            case .other, .pdl1, .hrd:
                if name.hasPrefix("MMR") || name.contains("MISMATCH") {
                    if status.contains("defici") || status.contains("loss") || status.hasPrefix("d") {
                        mmr = .positive
                    } else if status.contains("profici") || status.contains("intact") || status.hasPrefix("p") {
                        mmr = .negative
                    }
                    msiParts.append(label)
                } else if let receptor = CaseIndex.receptor(name) {
                    readReceptor(
                        receptor, state: CaseIndex.receptorState(status, her2: receptor == "HER2"), label: label)
                }
            }
        }

        /// ER and PR take the last report; HER2 keeps a positive one (an amplification or an earlier test).
        mutating func readReceptor(_ receptor: String, state: Tri, label: String) {
            switch receptor {
            case "ER":
                er = state
                erText = label
            case "PR":
                pr = state
                prText = label
            default:
                if her2 != .positive {
                    her2 = state
                    her2Text = label
                }
            }
        }
    }

    /// A HER2 test that is positive by the ASCO/CAP HER2 testing guideline (Wolff et al., J Clin Oncol 2018;36:2105,
    /// reaffirmed 2023), read on ERBB2 criteria. The guideline calls a tumour HER2-positive by IHC 3+ (the protein
    /// overexpressed) or by ISH amplification (the gene measured). A HER2-positive criterion reads the receptor state
    /// (`her2`) and is met by either; a criterion for the gene (an ERBB2 amplification or alteration) is met by a result
    /// that measured the gene (ISH/FISH, or stated as amplified), while IHC 3+ or a bare "positive" leaves it unknown
    /// (`.overexpression`: ISH or NGS copy number would settle it). IHC 2+ without ISH is equivocal and 0/1+ negative:
    /// neither is read as an amplification, nor as its absence, and a missing test is never negative. Nil for any
    /// other biomarker, or when no trial names ERBB2.
    static func her2Positive(_ b: Biomarker, at i: Int, genes: GeneTable) -> Alteration? {
        // The assay is read with the name: "HER2" by FISH is a measured gene.
        let name = ([b.name, b.method].compactMap { $0 }.joined(separator: " ")).uppercased()
        guard CaseIndex.receptor(name) == "HER2", let erbb2 = genes.id("ERBB2") else { return nil }
        let status = ((b.status ?? "") + " " + (b.score ?? "")).lowercased()
        guard CaseIndex.receptorState(status, her2: true) == .positive else { return nil }
        return Alteration(
            findingIndex: i, category: .copyNumber, protein: nil, exon: nil, variantClass: nil, cnv: .amplification,
            geneIds: [erbb2],
            significance: measuresGene(name: name, status: status) ? .actionable : .overexpression, evidenceTier: 5)
    }

    /// Whether a positive HER2 result measured the ERBB2 gene rather than the protein: an in situ hybridisation (FISH,
    /// CISH, SISH, dual-probe ISH) or a copy-number assay named without IHC, or a result stated as amplified (ISH's
    /// word; IHC is scored 0 to 3+). `name` upper-cased, `status` lower-cased.
    /// An IHC result is never a gene measurement, even when its report words it "3+ (amplified)", as IHC reports
    /// often do (review 7 #9): a result named only as IHC, or scored 3+, is the protein.
    static func measuresGene(name: String, status: String) -> Bool {
        let geneAssay = ["ISH", "IN SITU", "COPY", "NGS", "CNV"].contains { name.contains($0) }
        let proteinAssay = name.contains("IHC") || name.contains("IMMUNOHISTO")
        if !geneAssay && (proteinAssay || status.contains("3+")) { return false }
        let amplified =
            status.contains("amplif") && !status.contains("not amplif") && !status.contains("non-amplif")
            && !status.contains("unamplif")
        return amplified || (geneAssay && !proteinAssay && !status.contains("3+"))
    }

    /// A finding as an alteration of its gene (and fusion partners), weighed by what is known of it; nil for a
    /// benign finding or one of no known gene.
    static func alteration(_ f: Finding, at i: Int, genes: GeneTable) -> Alteration? {
        var ids: [Int] = []
        for g in [f.gene] + (f.partners ?? []).map(Optional.some) {
            if let g, let id = genes.id(g), !ids.contains(id) { ids.append(id) }
        }
        var significance: Significance
        switch f.classification {
        case .oncogenic?, .likelyOncogenic?, .pathogenic?, .likelyPathogenic?: significance = .actionable
        case .vus?: significance = .vus
        case .benign?, .likelyBenign?: significance = .benign
        case nil: significance = f.bestEvidence == nil ? .unclassified : .actionable
        }
        guard !ids.isEmpty, significance != .benign else { return nil }
        // A germline variant settles an alteration criterion only when classified pathogenic; an
        // unclassified germline call (a common polymorphism such as KDR p.Q472H) is weighed like a
        // variant of uncertain significance: it leaves the criterion open, never meets it.
        if f.origin == .germline && (significance != .actionable || f.classification == nil) { significance = .vus }
        // A variant with no protein change, no classification and no evidence states no effect: it cannot meet
        // an alteration requirement by itself.
        if f.kind == .snv || f.kind == .indel, f.hgvsP == nil, f.classification == nil, f.bestEvidence == nil {
            significance = .unassessed
        }
        return Alteration(
            findingIndex: i, category: VariantCategory(f.kind), protein: f.hgvsP.map(ProteinChange.normalise),
            exon: f.exon.flatMap(CaseIndex.exonNumber), variantClass: VariantClass.of(f),
            cnv: f.copyNumberCall.map(CNVCall.init), geneIds: ids, significance: significance,
            evidenceTier: f.bestTreatmentOption?.level.tier ?? 5)
    }
}
