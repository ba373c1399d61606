import Foundation

/// One molecular result: a variant, a copy-number change, a fusion or a biomarker.
/// Fields that do not apply to a kind stay nil, so one flat type serves tables, SQL and JSON.
public struct Finding: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var reportId: String?
    public var kind: FindingKind
    public var gene: String?
    public var transcript: String?
    public var hgvsC: String?
    public var hgvsP: String?
    public var consequence: String?
    public var exon: String?
    public var vaf: Double?
    public var depth: Int?
    public var copyNumberCall: CopyNumberCall?
    public var copyNumber: Double?
    /// Fusion partners, 5' first.
    public var partners: [String]?
    public var breakpoints: String?
    public var biomarker: Biomarker?
    @Defaulted<VariantOrigin> public var origin: VariantOrigin
    public var classification: Classification?
    /// Caller FILTER when not PASS (kept but marked).
    public var filter: String?
    @Defaulted<[EvidenceEntry]> public var evidence: [EvidenceEntry]

    // Where the variant sits, as the file wrote it (VCF CHROM/POS/REF/ALT after splitting ALT alleles; MAF
    // Chromosome/Start_Position/Reference_Allele/Tumor_Seq_Allele). No normalisation, no liftover.
    public var chrom: String?
    public var position: Int?
    public var ref: String?
    public var alt: String?
    /// Last base of the variant: VCF INFO END, MAF End_Position.
    public var end: Int?
    /// The file's own identifier of the record (VCF ID: an rsID or a caller's SV id; MAF dbSNP_RS).
    public var sourceId: String?
    public var qual: Double?

    // Structural variants (VCF 4.3 §5.4): type from SVTYPE, symbolic allele or breakend orientation.
    public var svType: StructuralVariantType?
    /// Net change in length (VCF SVLEN; negative for deletions).
    public var svLength: Int?
    /// Bases deleted, duplicated or spanned (inversions); nil for translocations and single breakends.
    public var svSize: Int?
    /// The other end of a rearrangement: its chromosome and position (breakend mate, CHR2/END).
    public var partnerChrom: String?
    public var partnerPosition: Int?
    /// The record id of the mate breakend (MATEID), kept so both ends of the junction stay traceable.
    public var mateId: String?
    /// PRECISE / IMPRECISE breakpoints, when the file says.
    public var precise: Bool?

    // Read evidence of the sample the finding belongs to, and of its matched normal when the file has one.
    /// Which field the VAF (and depth) came from: "FORMAT AF", "FORMAT AD", "Strelka tier-1 counts", "INFO TVAF", …
    public var vafSource: String?
    public var altCount: Int?
    public var refCount: Int?
    public var normalDepth: Int?
    public var normalAltCount: Int?
    public var normalVAF: Double?
    /// The sample's genotype as written (GT), when called.
    public var genotype: String?
    /// Per-sample filter (FORMAT FT) when not PASS.
    public var sampleFilter: String?
    /// One-letter protein change as the file wrote it (MAF HGVSp_Short, VEP HGVSp_short).
    public var hgvsPShort: String?
    /// The genomic change as the file wrote it in HGVS ("NC_000007.13:g.140453136A>T", "2:g.212578380del"): a g.
    /// expression is never a c. one.
    public var hgvsG: String?
    /// Set when `hgvsP` was derived by the reader rather than written as HGVS in the file: says from what.
    public var proteinDerivedFrom: String?
    /// Every report of this specimen that called the variant, with its own VAF and depth, when more than one did
    /// (`merged(with:)`); nil for a finding of one report.
    public var sources: [FindingSource]?

    public init(
        id: String, reportId: String? = nil, kind: FindingKind, gene: String? = nil, transcript: String? = nil,
        hgvsC: String? = nil, hgvsP: String? = nil, consequence: String? = nil, exon: String? = nil,
        vaf: Double? = nil, depth: Int? = nil, copyNumberCall: CopyNumberCall? = nil, copyNumber: Double? = nil,
        partners: [String]? = nil, breakpoints: String? = nil, biomarker: Biomarker? = nil,
        origin: VariantOrigin = .somatic, classification: Classification? = nil, filter: String? = nil,
        evidence: [EvidenceEntry] = [], chrom: String? = nil, position: Int? = nil, ref: String? = nil,
        alt: String? = nil
    ) {
        self.id = id
        self.reportId = reportId
        self.kind = kind
        self.gene = gene
        self.transcript = transcript
        self.hgvsC = hgvsC
        self.hgvsP = hgvsP
        self.consequence = consequence
        self.exon = exon
        self.vaf = vaf
        self.depth = depth
        self.copyNumberCall = copyNumberCall
        self.copyNumber = copyNumber
        self.partners = partners
        self.breakpoints = breakpoints
        self.biomarker = biomarker
        self.origin = origin
        self.classification = classification
        self.filter = filter
        self.evidence = evidence
        self.chrom = chrom
        self.position = position
        self.ref = ref
        self.alt = alt
    }

    enum CodingKeys: String, CodingKey {
        case id, reportId, kind, gene, transcript, hgvsC, hgvsP, consequence, exon, vaf, depth, copyNumberCall
        case copyNumber, partners, breakpoints, biomarker, origin, classification, filter, evidence
        case chrom, position, ref, alt, end, sourceId, qual, svType, svLength, svSize, partnerChrom, partnerPosition,
            mateId, precise
        case vafSource, altCount, refCount, normalDepth, normalAltCount, normalVAF, genotype, sampleFilter, hgvsPShort,
            proteinDerivedFrom, hgvsG, sources
    }

    /// The alteration as a board member says it: "EGFR p.L858R", "ERBB2 amplification", "EML4::ALK fusion", "TMB 14 mut/Mb".
    public var label: String {
        switch kind {
        case .snv, .indel:
            // Without a protein or cDNA change the variant is named by where it is, never just "variant". A protein
            // change the file gives only in short form (MAF HGVSp_Short "p.D191G") names it before the locus.
            let change = hgvsP ?? hgvsPShort ?? hgvsC ?? hgvsG ?? locus ?? consequence ?? "variant"
            return [gene, change].compactMap { $0 }.joined(separator: " ")
        case .copyNumber:
            let call = copyNumberCall?.label ?? "copy-number change"
            let cn = copyNumber.map { " (CN \(Self.format($0)))" } ?? ""
            let place = gene == nil ? span.map { " " + $0 } ?? "" : ""
            return [gene, call].compactMap { $0 }.joined(separator: " ") + place + cn
        case .fusion:
            let names = partners.map { $0.joined(separator: "::") } ?? gene ?? "?"
            return names + " fusion"
        case .structural:
            let type = svType?.label ?? "rearrangement"
            if let partners, !partners.isEmpty { return partners.joined(separator: "::") + " " + type }
            return [gene, type, span].compactMap { $0 }.joined(separator: " ")
        case .biomarker:
            return biomarker?.label ?? "biomarker"
        }
    }

    /// "1:1007 A>C": chromosome, position and alleles (from the fields, or from a "CHROM:POS:REF:ALT" id).
    public var locus: String? {
        if let chrom, let position {
            guard let ref, let alt, !alt.hasPrefix("<"), !alt.contains("["), !alt.contains("]") else {
                return "\(chrom):\(position)"
            }
            return "\(chrom):\(position) \(ref)>\(alt)"
        }
        let parts = id.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, Int(parts[1]) != nil, !parts[2].isEmpty, !parts[3].isEmpty, !parts[3].contains("/")
        else { return nil }
        return "\(parts[0]):\(parts[1]) \(parts[2])>\(parts[3])"
    }

    /// Where a structural or copy-number change lies: "10:89700299-89712341", "1:86002664-12:41796101".
    public var span: String? {
        guard let chrom, let position else { return breakpoints }
        if let partnerChrom, let partnerPosition {
            return partnerChrom == chrom
                ? "\(chrom):\(position)-\(partnerPosition)" : "\(chrom):\(position)-\(partnerChrom):\(partnerPosition)"
        }
        if let end, end != position { return "\(chrom):\(position)-\(end)" }
        return "\(chrom):\(position)"
    }

    /// The evidence item the board reads first: the strongest treatment option, else the strongest item against
    /// a drug, else the first other item (`evidenceInReadingOrder`). A resistance item never outranks a
    /// sensitivity item of the same finding, whatever their levels.
    public var bestEvidence: EvidenceEntry? {
        var best: EvidenceEntry?
        for e in evidence where best == nil || (e.readingGroup, e.level.rank) < (best!.readingGroup, best!.level.rank) {
            best = e
        }
        return best
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// What sort of molecular result a finding is.
public enum FindingKind: String, Codable, Sendable, CaseIterable {
    case snv, indel
    case copyNumber = "cnv"
    case fusion
    case structural = "sv"
    case biomarker

    public var label: String {
        switch self {
        case .snv: "SNV"
        case .indel: "Indel"
        case .copyNumber: "CNV"
        case .fusion: "Fusion"
        case .structural: "SV"
        case .biomarker: "Biomarker"
        }
    }
}

/// Copy-number calls as CTML names them.
public enum CopyNumberCall: String, Codable, Sendable, CaseIterable {
    case amplification = "Amplification"
    case gain = "Gain"
    case heterozygousDeletion = "Heterozygous deletion"
    case homozygousDeletion = "Homozygous deletion"

    public var label: String {
        switch self {
        case .amplification: "amplification"
        case .gain: "gain"
        case .heterozygousDeletion: "heterozygous deletion"
        case .homozygousDeletion: "homozygous deletion"
        }
    }
}

extension CopyNumberCall {
    /// The board's rule for typing a copy number against the sample's ploidy (2 unless the file gives one):
    /// deep (homozygous) deletion below 0.5 copies; loss below ploidy − 0.5; amplification from 3 × ploidy (the
    /// Hartwig PURPLE driver-catalogue threshold); gain above ploidy + 0.5; anything else is no call (nil).
    public static func classify(copyNumber cn: Double, ploidy: Double = 2) -> CopyNumberCall? {
        guard cn.isFinite, cn >= 0, ploidy > 0 else { return nil }
        if cn < 0.5 { return .homozygousDeletion }
        if cn < ploidy - 0.5 { return .heterozygousDeletion }
        if cn >= 3 * ploidy { return .amplification }
        if cn > ploidy + 0.5 { return .gain }
        return nil
    }
}

/// Structural variant types (VCF 4.3 §1.4.5 symbolic alleles and §5.4 breakend orientation).
public enum StructuralVariantType: String, Codable, Sendable, CaseIterable {
    case deletion, duplication
    case tandemDuplication = "tandem_duplication"
    case inversion, translocation, insertion
    case copyNumberVariation = "cnv"
    case singleBreakend = "single_breakend"
    case inferredBreakend = "inferred_breakend"
    case breakend

    public var label: String {
        switch self {
        case .deletion: "deletion"
        case .duplication: "duplication"
        case .tandemDuplication: "tandem duplication"
        case .inversion: "inversion"
        case .translocation: "translocation"
        case .insertion: "insertion"
        case .copyNumberVariation: "copy-number variant"
        case .singleBreakend: "single breakend"
        case .inferredBreakend: "inferred breakend"
        case .breakend: "breakend (type unknown)"
        }
    }
}

public enum VariantOrigin: String, Codable, Sendable, CaseIterable { case somatic, germline, unknown }

/// Pathogenicity / oncogenicity classification.
public enum Classification: String, Codable, Sendable, CaseIterable {
    case oncogenic
    case likelyOncogenic = "likely-oncogenic"
    case pathogenic
    case likelyPathogenic = "likely-pathogenic"
    case vus
    case likelyBenign = "likely-benign"
    case benign

    public var label: String {
        switch self {
        case .oncogenic: "oncogenic"
        case .likelyOncogenic: "likely oncogenic"
        case .pathogenic: "pathogenic"
        case .likelyPathogenic: "likely pathogenic"
        case .vus: "VUS"
        case .likelyBenign: "likely benign"
        case .benign: "benign"
        }
    }
}

/// A tumour-level biomarker: TMB, MSI, PD-L1, HRD or another named score.
public struct Biomarker: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case tmb, msi, pdl1, hrd, other }
    public var kind: Kind
    public var name: String?
    public var value: Double?
    public var unit: String?
    /// "MSI-H", "MSS", "high", "positive", …
    public var status: String?
    /// The bound the lab put on the value (FHIR Quantity.comparator "<", "<=", ">=", ">"): "ER >=10 %" is not 10 %.
    public var comparator: String?
    /// An ordinal score as the lab writes it ("3+" for a HER2 immunohistochemistry score of 3), shown instead of
    /// the bare number.
    public var score: String?
    /// The assay as the record names it ("FISH", "ISH", "IHC"): for HER2 it tells a measured gene (ISH) from the
    /// protein (IHC).
    public var method: String?

    public init(
        kind: Kind, name: String? = nil, value: Double? = nil, unit: String? = nil, status: String? = nil,
        comparator: String? = nil, score: String? = nil, method: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.value = value
        self.unit = unit
        self.status = status
        self.comparator = comparator
        self.score = score
        self.method = method
    }

    public var label: String {
        let title: String
        switch kind {
        case .tmb: title = "TMB"
        case .msi: title = "MSI"
        case .pdl1: title = "PD-L1"
        case .hrd: title = "HRD"
        case .other: title = name ?? "Biomarker"
        }
        let amount =
            score.map { " " + $0 }
            ?? value.map { " " + (comparator ?? "") + Finding.format($0) + (unit.map { " \($0)" } ?? "") } ?? ""
        let state = status.map { " (\($0))" } ?? ""
        return title + amount + state
    }
}

extension Array where Element == Finding {
    /// Indices in the order the board reads findings: passing calls before filtered ones (`isFiltered`), then
    /// strongest evidence first, ties in the case's own order (the order of its record or lab file). Sorting
    /// indices by integer ranks keeps a whole exome quick.
    public func evidenceOrder() -> [Int] {
        let ranks: [Int] = map { f -> Int in (f.isFiltered ? 1_000_000 : 0) + f.evidenceRank }
        return indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
    }

    /// The findings in `evidenceOrder()`.
    public func byEvidence() -> [Finding] { evidenceOrder().map { self[$0] } }
}
