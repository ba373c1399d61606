import Foundation

/// A node of an eligibility tree in CTML's shape: `{"and": [...]}`, `{"or": [...]}`,
/// `{"clinical": {...}}` or `{"genomic": {...}}`. Values starting with `!` negate.
public indirect enum Criterion: Codable, Sendable, Hashable {
    case all([Criterion])
    case any([Criterion])
    case clinical(ClinicalCriterion)
    case genomic(GenomicCriterion)

    enum CodingKeys: String, CodingKey { case and, or, clinical, genomic }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let list = try c.decodeIfPresent([Criterion].self, forKey: .and) {
            self = .all(list)
        } else if let list = try c.decodeIfPresent([Criterion].self, forKey: .or) {
            self = .any(list)
        } else if let node = try c.decodeIfPresent(ClinicalCriterion.self, forKey: .clinical) {
            self = .clinical(node)
        } else if let node = try c.decodeIfPresent(GenomicCriterion.self, forKey: .genomic) {
            self = .genomic(node)
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected one of the keys and, or, clinical, genomic"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .all(let list): try c.encode(list, forKey: .and)
        case .any(let list): try c.encode(list, forKey: .or)
        case .clinical(let node): try c.encode(node, forKey: .clinical)
        case .genomic(let node): try c.encode(node, forKey: .genomic)
        }
    }
}

/// Clinical conditions, keyed as in CTML.
public struct ClinicalCriterion: Codable, Sendable, Hashable {
    public var oncotreePrimaryDiagnosis: String?
    /// ">=18", "<75".
    public var ageNumerical: String?
    public var gender: String?
    /// Allowed ECOG values, e.g. "<=1".
    public var ecog: String?
    public var tmbNumerical: String?
    public var her2Status: String?
    public var erStatus: String?
    public var prStatus: String?
    public var diseaseStatus: [String]?
    /// A drug or class the patient must (or, with `!`, must not) have received.
    public var priorTreatment: String?

    public init(
        oncotreePrimaryDiagnosis: String? = nil, ageNumerical: String? = nil, gender: String? = nil,
        ecog: String? = nil,
        tmbNumerical: String? = nil, her2Status: String? = nil, erStatus: String? = nil, prStatus: String? = nil,
        diseaseStatus: [String]? = nil, priorTreatment: String? = nil
    ) {
        self.oncotreePrimaryDiagnosis = oncotreePrimaryDiagnosis
        self.ageNumerical = ageNumerical
        self.gender = gender
        self.ecog = ecog
        self.tmbNumerical = tmbNumerical
        self.her2Status = her2Status
        self.erStatus = erStatus
        self.prStatus = prStatus
        self.diseaseStatus = diseaseStatus
        self.priorTreatment = priorTreatment
    }

    enum CodingKeys: String, CodingKey {
        case oncotreePrimaryDiagnosis = "oncotree_primary_diagnosis"
        case ageNumerical = "age_numerical"
        case gender, ecog
        case tmbNumerical = "tmb_numerical"
        case her2Status = "her2_status"
        case erStatus = "er_status"
        case prStatus = "pr_status"
        case diseaseStatus = "disease_status"
        case priorTreatment = "prior_treatment"
    }
}

/// Genomic conditions, keyed as in CTML.
public struct GenomicCriterion: Codable, Sendable, Hashable {
    public var hugoSymbol: String?
    /// Mutation, Copy Number Variation, Structural Variation, Signature.
    public var variantCategory: String?
    public var proteinChange: String?
    /// "p.G12" matches any change at that residue.
    public var wildcardProteinChange: String?
    public var variantClassification: String?
    public var exon: String?
    public var cnvCall: String?
    public var wildtype: Bool?
    public var mmrStatus: String?
    public var msStatus: String?
    public var fusionPartnerHugoSymbol: String?

    public init(
        hugoSymbol: String? = nil, variantCategory: String? = nil, proteinChange: String? = nil,
        wildcardProteinChange: String? = nil, variantClassification: String? = nil, exon: String? = nil,
        cnvCall: String? = nil, wildtype: Bool? = nil, mmrStatus: String? = nil, msStatus: String? = nil,
        fusionPartnerHugoSymbol: String? = nil
    ) {
        self.hugoSymbol = hugoSymbol
        self.variantCategory = variantCategory
        self.proteinChange = proteinChange
        self.wildcardProteinChange = wildcardProteinChange
        self.variantClassification = variantClassification
        self.exon = exon
        self.cnvCall = cnvCall
        self.wildtype = wildtype
        self.mmrStatus = mmrStatus
        self.msStatus = msStatus
        self.fusionPartnerHugoSymbol = fusionPartnerHugoSymbol
    }

    enum CodingKeys: String, CodingKey {
        case hugoSymbol = "hugo_symbol"
        case variantCategory = "variant_category"
        case proteinChange = "protein_change"
        case wildcardProteinChange = "wildcard_protein_change"
        case variantClassification = "variant_classification"
        case exon
        case cnvCall = "cnv_call"
        case wildtype
        case mmrStatus = "mmr_status"
        case msStatus = "ms_status"
        case fusionPartnerHugoSymbol = "fusion_partner_hugo_symbol"
    }
}
