import Foundation

/// The evidence scales boards use, each with its levels and what they mean.
public enum EvidenceScale: String, Codable, Sendable, CaseIterable {
    case oncokb = "OncoKB", civic = "CIViC", escat = "ESCAT", amp = "AMP/ASCO/CAP", nct = "NCT/DKTK"

    /// The levels of this scale, strongest first.
    public var levels: [String] { Self.table[self]!.map(\.code) }

    /// The meaning of a level, for display beside the chosen level.
    public func meaning(of level: String) -> String? {
        Self.table[self]!.first { $0.code == normalise(level) }?.meaning
    }

    /// Whether a level code belongs to this scale (NCT levels accept is/iv/R/Z suffixes).
    public func accepts(_ level: String) -> Bool { meaning(of: level) != nil }

    /// Canonical spelling of a level ("Tier I - Level A" → "I-A" for AMP; "m1a" → "m1A"; suffixes dropped for NCT).
    public func normalise(_ level: String) -> String {
        var code = level.trimmingCharacters(in: .whitespaces)
        switch self {
        case .oncokb:
            code = code.uppercased().replacingOccurrences(of: "LEVEL_", with: "").replacingOccurrences(of: "LEVEL ", with: "")
        case .civic:
            code = code.uppercased()
        case .escat:
            code = code.uppercased().replacingOccurrences(of: " ", with: "-")
        case .amp:
            let up = code.uppercased().replacingOccurrences(of: "TIER ", with: "").replacingOccurrences(of: " - LEVEL ", with: "-")
            code = up.replacingOccurrences(of: " ", with: "")
        case .nct:
            if code.hasPrefix("M") { code = "m" + code.dropFirst() }
            for suffix in ["is", "iv", "R", "Z"] where code.count > 2 && code.hasSuffix(suffix) {
                code = String(code.dropLast(suffix.count))
            }
            if code.count == 3, let last = code.last, last.isLetter { code = String(code.dropLast()) + last.uppercased() }
        }
        return code
    }

    /// Sort rank of a level across scales: lower is stronger; resistance and unknown sort after actionable levels.
    public func rank(of level: String) -> Int {
        let code = normalise(level)
        return Self.table[self]!.first { $0.code == code }?.rank ?? 99
    }

    /// The display tier that picks the colour role: 1 strongest … 4 weakest, 0 resistance, 5 other.
    public func tier(of level: String) -> Int {
        let code = normalise(level)
        return Self.table[self]!.first { $0.code == code }?.tier ?? 5
    }

    struct Level { let code: String; let rank: Int; let tier: Int; let meaning: String }

    static let table: [EvidenceScale: [Level]] = [
        .oncokb: [
            Level(code: "1", rank: 10, tier: 1, meaning: "FDA-recognised biomarker predictive of response to an FDA-approved drug in this indication"),
            Level(code: "2", rank: 20, tier: 2, meaning: "Standard-care biomarker (NCCN or other expert panels) predictive of response to an approved drug in this indication"),
            Level(code: "3A", rank: 30, tier: 3, meaning: "Compelling clinical evidence supports the biomarker as predictive of response to a drug in this indication"),
            Level(code: "3B", rank: 35, tier: 3, meaning: "Standard-care or investigational biomarker predictive of response to a drug in another indication"),
            Level(code: "4", rank: 40, tier: 4, meaning: "Compelling biological evidence supports the biomarker as predictive of response to a drug"),
            Level(code: "R1", rank: 50, tier: 0, meaning: "Standard-care biomarker predictive of resistance to an FDA-approved drug in this indication"),
            Level(code: "R2", rank: 55, tier: 0, meaning: "Compelling clinical evidence supports the biomarker as predictive of resistance to a drug"),
            Level(code: "PX1", rank: 60, tier: 5, meaning: "Prognostic: guideline-recognised, well-powered studies"),
            Level(code: "PX2", rank: 61, tier: 5, meaning: "Prognostic: guideline-recognised, small studies"),
            Level(code: "PX3", rank: 62, tier: 5, meaning: "Prognostic: clinical evidence in well-powered studies"),
            Level(code: "DX1", rank: 63, tier: 5, meaning: "Diagnostic: required for diagnosis"),
            Level(code: "DX2", rank: 64, tier: 5, meaning: "Diagnostic: supports diagnosis"),
            Level(code: "DX3", rank: 65, tier: 5, meaning: "Diagnostic: may assist diagnosis"),
        ],
        .civic: [
            Level(code: "A", rank: 11, tier: 1, meaning: "Validated association: proven or consensus association in human medicine"),
            Level(code: "B", rank: 21, tier: 2, meaning: "Clinical evidence: clinical trial or other primary patient data"),
            Level(code: "C", rank: 31, tier: 3, meaning: "Case study: individual case reports"),
            Level(code: "D", rank: 41, tier: 4, meaning: "Preclinical evidence: in vivo or in vitro models"),
            Level(code: "E", rank: 45, tier: 4, meaning: "Inferential association: indirect evidence"),
        ],
        .escat: [
            Level(code: "I-A", rank: 10, tier: 1, meaning: "Ready for routine use: prospective randomised trials show benefit in this tumour type"),
            Level(code: "I-B", rank: 12, tier: 1, meaning: "Ready for routine use: prospective non-randomised trials show benefit in this tumour type"),
            Level(code: "I-C", rank: 14, tier: 1, meaning: "Ready for routine use: benefit across tumour types in basket trials"),
            Level(code: "II-A", rank: 22, tier: 2, meaning: "Investigational: retrospective analysis of trials shows benefit in this tumour type"),
            Level(code: "II-B", rank: 24, tier: 2, meaning: "Investigational: prospective trials show antitumour activity, benefit not yet shown"),
            Level(code: "III-A", rank: 32, tier: 3, meaning: "Hypothetical target: benefit shown in another tumour type"),
            Level(code: "III-B", rank: 34, tier: 3, meaning: "Hypothetical target: alteration with a similar functional impact is actionable"),
            Level(code: "IV-A", rank: 42, tier: 4, meaning: "Hypothetical target: preclinical evidence of actionability"),
            Level(code: "V", rank: 70, tier: 5, meaning: "Target associated with objective response but without clinically meaningful benefit"),
            Level(code: "X", rank: 80, tier: 5, meaning: "Lack of evidence for actionability"),
        ],
        .amp: [
            Level(code: "I-A", rank: 10, tier: 1, meaning: "Strong clinical significance: FDA-approved therapy or professional guideline"),
            Level(code: "I-B", rank: 13, tier: 1, meaning: "Strong clinical significance: well-powered studies with expert consensus"),
            Level(code: "II-C", rank: 30, tier: 3, meaning: "Potential significance: approved in another tumour type, investigational, or several small studies"),
            Level(code: "II-D", rank: 40, tier: 4, meaning: "Potential significance: preclinical data or a few case reports"),
            Level(code: "III", rank: 75, tier: 5, meaning: "Unknown clinical significance"),
            Level(code: "IV", rank: 90, tier: 5, meaning: "Benign or likely benign"),
        ],
        .nct: [
            Level(code: "m1A", rank: 10, tier: 1, meaning: "Biomarker-drug benefit shown in a prospective trial or meta-analysis in the same entity"),
            Level(code: "m1B", rank: 12, tier: 1, meaning: "Benefit shown in a retrospective cohort or case-control study in the same entity"),
            Level(code: "m1C", rank: 14, tier: 1, meaning: "Case reports or clinical data in the same entity"),
            Level(code: "m2A", rank: 22, tier: 2, meaning: "Prospective trial or meta-analysis in a different entity"),
            Level(code: "m2B", rank: 24, tier: 2, meaning: "Retrospective cohort or case-control study in a different entity"),
            Level(code: "m2C", rank: 26, tier: 2, meaning: "Case reports or clinical data in a different entity"),
            Level(code: "m3", rank: 40, tier: 4, meaning: "Preclinical data: biomarker-drug association in vitro or in vivo"),
            Level(code: "m4", rank: 45, tier: 4, meaning: "Biological rationale without clinical or preclinical evidence"),
        ],
    ]
}

/// A level on a named scale ("OncoKB 1", "ESCAT I-A").
public struct EvidenceLevel: Codable, Sendable, Hashable, CustomStringConvertible {
    public var scale: EvidenceScale
    public var code: String

    public init(scale: EvidenceScale, code: String) {
        self.scale = scale
        self.code = scale.normalise(code)
    }

    public var rank: Int { scale.rank(of: code) }
    public var tier: Int { scale.tier(of: code) }
    public var meaning: String? { scale.meaning(of: code) }
    public var isValid: Bool { scale.accepts(code) }
    public var description: String { "\(scale.rawValue) \(code)" }
}

/// One piece of evidence about a finding: what it predicts, for which drug and tumour, at what level.
public struct EvidenceEntry: Codable, Sendable, Hashable {
    /// Where it comes from: "CIViC", "OncoKB", "report", …
    public var source: String
    public var level: EvidenceLevel
    /// Predictive, Diagnostic, Prognostic, Predisposing, Oncogenic, Functional.
    public var type: String?
    /// "Sensitivity/Response", "Resistance", …
    public var significance: String?
    public var therapy: String?
    public var disease: String?
    /// OncoTree code of the disease when known, to tell "this tumour type" from "another".
    public var oncotreeCode: String?
    public var reference: String?

    public init(source: String, level: EvidenceLevel, type: String? = nil, significance: String? = nil,
                therapy: String? = nil, disease: String? = nil, oncotreeCode: String? = nil, reference: String? = nil) {
        self.source = source
        self.level = level
        self.type = type
        self.significance = significance
        self.therapy = therapy
        self.disease = disease
        self.oncotreeCode = oncotreeCode
        self.reference = reference
    }
}
