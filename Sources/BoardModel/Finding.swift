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
    public var origin: VariantOrigin
    public var classification: Classification?
    /// Caller FILTER when not PASS (kept but marked).
    public var filter: String?
    public var evidence: [EvidenceEntry]

    public init(id: String, reportId: String? = nil, kind: FindingKind, gene: String? = nil, transcript: String? = nil,
                hgvsC: String? = nil, hgvsP: String? = nil, consequence: String? = nil, exon: String? = nil,
                vaf: Double? = nil, depth: Int? = nil, copyNumberCall: CopyNumberCall? = nil, copyNumber: Double? = nil,
                partners: [String]? = nil, breakpoints: String? = nil, biomarker: Biomarker? = nil,
                origin: VariantOrigin = .somatic, classification: Classification? = nil, filter: String? = nil,
                evidence: [EvidenceEntry] = []) {
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
    }

    enum CodingKeys: String, CodingKey {
        case id, reportId, kind, gene, transcript, hgvsC, hgvsP, consequence, exon, vaf, depth, copyNumberCall
        case copyNumber, partners, breakpoints, biomarker, origin, classification, filter, evidence
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  reportId: try c.decodeIfPresent(String.self, forKey: .reportId),
                  kind: try c.decode(FindingKind.self, forKey: .kind),
                  gene: try c.decodeIfPresent(String.self, forKey: .gene),
                  transcript: try c.decodeIfPresent(String.self, forKey: .transcript),
                  hgvsC: try c.decodeIfPresent(String.self, forKey: .hgvsC),
                  hgvsP: try c.decodeIfPresent(String.self, forKey: .hgvsP),
                  consequence: try c.decodeIfPresent(String.self, forKey: .consequence),
                  exon: try c.decodeIfPresent(String.self, forKey: .exon),
                  vaf: try c.decodeIfPresent(Double.self, forKey: .vaf),
                  depth: try c.decodeIfPresent(Int.self, forKey: .depth),
                  copyNumberCall: try c.decodeIfPresent(CopyNumberCall.self, forKey: .copyNumberCall),
                  copyNumber: try c.decodeIfPresent(Double.self, forKey: .copyNumber),
                  partners: try c.decodeIfPresent([String].self, forKey: .partners),
                  breakpoints: try c.decodeIfPresent(String.self, forKey: .breakpoints),
                  biomarker: try c.decodeIfPresent(Biomarker.self, forKey: .biomarker),
                  origin: try c.decodeIfPresent(VariantOrigin.self, forKey: .origin) ?? .somatic,
                  classification: try c.decodeIfPresent(Classification.self, forKey: .classification),
                  filter: try c.decodeIfPresent(String.self, forKey: .filter),
                  evidence: try c.decodeIfPresent([EvidenceEntry].self, forKey: .evidence) ?? [])
    }

    /// The alteration as a board member says it: "EGFR p.L858R", "ERBB2 amplification", "EML4::ALK fusion", "TMB 14 mut/Mb".
    public var label: String {
        switch kind {
        case .snv, .indel:
            let change = hgvsP ?? hgvsC ?? consequence ?? "variant"
            return [gene, change].compactMap { $0 }.joined(separator: " ")
        case .copyNumber:
            let call = copyNumberCall?.label ?? "copy-number change"
            let cn = copyNumber.map { " (CN \(Self.format($0)))" } ?? ""
            return [gene, call].compactMap { $0 }.joined(separator: " ") + cn
        case .fusion, .structural:
            let names = partners.map { $0.joined(separator: "::") } ?? gene ?? "?"
            return names + (kind == .fusion ? " fusion" : " rearrangement")
        case .biomarker:
            return biomarker?.label ?? "biomarker"
        }
    }

    /// The evidence item the board reads first: the strongest treatment option, else the strongest item against
    /// a drug, else the first other item (`evidenceInReadingOrder`). A resistance item never outranks a
    /// sensitivity item of the same finding, whatever their levels.
    public var bestEvidence: EvidenceEntry? {
        var best: EvidenceEntry?
        for e in evidence where best == nil || (e.readingGroup, e.level.rank) < (best!.readingGroup, best!.level.rank) { best = e }
        return best
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// What sort of molecular result a finding is.
public enum FindingKind: String, Codable, Sendable, CaseIterable {
    case snv, indel, copyNumber = "cnv", fusion, structural = "sv", biomarker

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
    case amplification = "Amplification", gain = "Gain", heterozygousDeletion = "Heterozygous deletion"
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

public enum VariantOrigin: String, Codable, Sendable, CaseIterable { case somatic, germline, unknown }

/// Pathogenicity / oncogenicity classification.
public enum Classification: String, Codable, Sendable, CaseIterable {
    case oncogenic, likelyOncogenic = "likely-oncogenic", pathogenic, likelyPathogenic = "likely-pathogenic"
    case vus, likelyBenign = "likely-benign", benign

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

    public init(kind: Kind, name: String? = nil, value: Double? = nil, unit: String? = nil, status: String? = nil) {
        self.kind = kind
        self.name = name
        self.value = value
        self.unit = unit
        self.status = status
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
        let amount = value.map { " " + Finding.format($0) + (unit.map { " \($0)" } ?? "") } ?? ""
        let state = status.map { " (\($0))" } ?? ""
        return title + amount + state
    }
}

extension Array where Element == Finding {
    /// Indices in the order the board reads findings: strongest evidence first, ties in the case's own order
    /// (the order of its record or lab file). Sorting indices by an integer rank keeps a whole exome quick.
    public func evidenceOrder() -> [Int] {
        let ranks = map(\.evidenceRank)
        return indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
    }

    /// The findings in `evidenceOrder()`.
    public func byEvidence() -> [Finding] { evidenceOrder().map { self[$0] } }
}
